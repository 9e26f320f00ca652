package io.vncgate.shared.log;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The services' logging configuration sends audit events to their own file as bare JSON lines. */
class AuditAppenderTest {

  private final LoggerContext context = new LoggerContext();

  @AfterEach
  void stop() {
    context.stop();
    System.clearProperty("VNCGATE_AUDIT_LOG");
  }

  @Test
  void auditLinesGoToTheConfiguredFileAndNowhereElse(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("audit.jsonl");
    Files.writeString(file, "{\"event\":\"earlier\"}\n");
    System.setProperty("VNCGATE_AUDIT_LOG", file.toString());
    context.setMDCAdapter(new LogbackMDCAdapter());
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(AuditAppenderTest.class.getResource("/logback.xml"));

    Logger audit = context.getLogger("vncgate.audit");
    assertFalse(audit.isAdditive(), "audit lines stay out of the service log");
    String id = UUID.randomUUID().toString();
    audit.info(new JsonObject().put("event", "session.started").put("sessionId", id).encode());
    context.getLogger("io.vncgate.Something").info("a service line");
    context.stop();

    List<String> lines = Files.readAllLines(file);
    assertEquals(2, lines.size(), "appended to what was there, and only the audit line: " + lines);
    assertEquals("earlier", new JsonObject(lines.get(0)).getString("event"));
    assertEquals(id, new JsonObject(lines.get(1)).getString("sessionId"), "bare JSON, no log prefix");
  }
}
