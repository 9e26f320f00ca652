package io.vncgate.bench.report;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

  @Test
  void theMethodSaysWhichSetUpsWarmedTheJit() {
    JsonObject setups = new JsonObject().put("1", 2000).put("32", 0);
    String method = MarkdownReport.jitWarmup(new JsonObject().put("jitWarmupMillis", 5000L).put("jitWarmupSetups", setups));
    assertTrue(method.startsWith("5000 ms each of unrecorded ping-pong, downstream and upstream load, then set-ups"), method);
    assertTrue(method.contains("(×1 with the reused token and then with 2000 fresh tokens, ×32 with the reused token)"), method);
  }

  @Test
  void runsFromBeforeTheWarmUpRecordedItsSetUpsKeepTheirOwnDescription() {
    String method = MarkdownReport.jitWarmup(new JsonObject().put("jitWarmupMillis", 5000L));
    assertEquals("5000 ms each of unrecorded set-ups, ping-pong, downstream and upstream load", method);
  }
}
