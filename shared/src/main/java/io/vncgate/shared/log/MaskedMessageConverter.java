package io.vncgate.shared.log;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * Logback's {@code %msg} with every token masked, whoever logged it: a library that quotes a
 * request URL in an error (Vert.x does, for malformed requests) cannot leak a token either.
 */
public final class MaskedMessageConverter extends MessageConverter {

  @Override
  public String convert(ILoggingEvent event) {
    return Redact.inText(super.convert(event));
  }
}
