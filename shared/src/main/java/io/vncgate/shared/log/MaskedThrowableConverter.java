package io.vncgate.shared.log;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;

/** Logback's stack traces with every token in exception messages masked. */
public final class MaskedThrowableConverter extends ThrowableProxyConverter {

  @Override
  protected String throwableProxyToString(IThrowableProxy proxy) {
    return Redact.inText(super.throwableProxyToString(proxy));
  }
}
