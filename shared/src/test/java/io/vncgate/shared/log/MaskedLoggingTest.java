package io.vncgate.shared.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The logback.xml every service ships masks tokens in messages and in stack traces. */
class MaskedLoggingTest {

  @Test
  void shippedConfigurationMasksTokensWhoeverLogsThem() throws Exception {
    LoggerContext context = new LoggerContext();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(getClass().getResource("/logback.xml"));

    PatternLayout layout = new PatternLayout();
    layout.setContext(context);
    layout.setPattern("%msg %ex");
    layout.start();

    String token = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJib2IifQ.U0lHTkFUVVJF";
    LoggingEvent event = new LoggingEvent("test", context.getLogger("io.netty.x"), Level.ERROR,
      "Illegal character in query: /websockify?token=" + token, new IllegalArgumentException("bad uri /websockify?token=" + token), null);
    String line = layout.doLayout(event);
    assertTrue(line.contains("token=eyJhbG…"), line);
    assertFalse(line.contains("U0lHTkFUVVJF"), line);
    assertFalse(line.contains("eyJzdWIi"), line);
  }
}
