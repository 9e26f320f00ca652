package io.vncgate.bench.report;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MarkdownReportTest {

  private static String machineSection(JsonObject services) {
    JsonObject meta = new JsonObject().put("services", services);
    String report = MarkdownReport.render(new Results(meta, List.of()), List.of(), List.of(), Path.of("run-full.jsonl"));
    return report.substring(report.indexOf("## Machine and versions"));
  }

  @Test
  void theServicesSocketTransportIsShownWhenTheRunRecordedIt() {
    String transports = "gateway epoll, token NIO, registry NIO";
    String machine = machineSection(new JsonObject().put("javaOpts", "-Xmx384m").put("transports", transports));
    assertTrue(machine.contains("| services' socket transport | " + transports + " |\n"), machine);
  }

  @Test
  void runsFromBeforeTheTransportWasRecordedGetNoSuchRow() {
    String machine = machineSection(new JsonObject().put("javaOpts", "-Xmx384m"));
    assertFalse(machine.contains("socket transport"), machine);
    assertTrue(machine.contains("| token, registry JVM | `-Xmx384m` |"), machine);
  }
}
