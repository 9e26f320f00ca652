package io.vncgate.bench.report;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TargetsTest {

  private final List<JsonObject> lines = new ArrayList<>();

  private void add(String scenario, String target, int n, Object... fields) {
    JsonObject line = new JsonObject().put("scenario", scenario).put("target", target).put("connections", n);
    for (int i = 0; i < fields.length; i += 2) {
      line.put((String) fields[i], fields[i + 1]);
    }
    lines.add(line);
  }

  private Targets.Check check(String startsWith) {
    return Targets.check(new Results(new JsonObject(), lines)).stream().filter(c -> c.target().startsWith(startsWith))
      .findFirst().orElseThrow();
  }

  @Test
  void throughputIsComparedWithRawTcpOfTheSamePoint() {
    add("downstream", "raw", 10, "bytesPerSecond", 1000);
    add("downstream", "gateway", 10, "bytesPerSecond", 450, "cpuSecondsPerGB", 1.0);
    add("downstream", "websockify", 10, "bytesPerSecond", 300, "cpuSecondsPerGB", 2.0);
    assertTrue(check("downstream ×10: ≥").holds());
    assertTrue(check("downstream ×10: CPU").holds(), "1.0 s/GB is half of 2.0");
    lines.set(1, lines.get(1).copy().put("bytesPerSecond", 449).put("cpuSecondsPerGB", 1.01));
    assertFalse(check("downstream ×10: ≥").holds());
    assertFalse(check("downstream ×10: CPU").holds());
  }

  @Test
  void latencyTargetsAreMultiplesOfRawTcp() {
    add("pingpong", "raw", 100, "msgsPerSecond", 1000, "p99Micros", 100.0);
    add("pingpong", "gateway", 100, "msgsPerSecond", 350, "p99Micros", 300.0);
    add("pingpong", "raw", 1, "p50Micros", 50.0);
    add("pingpong", "gateway", 1, "p50Micros", 100.1);
    assertTrue(check("ping-pong ×100: messages").holds());
    assertTrue(check("ping-pong ×100: p99").holds());
    assertFalse(check("ping-pong ×1: p50").holds());
  }

  @Test
  void setupNeedsBothRateAndTail() {
    add("setup", "gateway", 32, "sessionsPerSecond", 2500, "p99Micros", 21_000.0);
    assertFalse(check("setup ×32").holds());
    lines.set(0, lines.get(0).copy().put("p99Micros", 19_000.0));
    assertTrue(check("setup ×32").holds());
  }

  @Test
  void idleNeedsEightThousandAliveAndTheMemoryBound() {
    add("idle", "gateway", 500, "alive", 500, "rssPerSessionKiB", 10.0, "holdSeconds", 5);
    assertFalse(check("idle").holds(), "a profile with fewer sessions cannot show the target");
    lines.set(0, lines.get(0).copy().put("connections", 8000).put("alive", 8000));
    assertTrue(check("idle").holds());
    lines.set(0, lines.get(0).copy().put("alive", 7999));
    assertFalse(check("idle").holds());
  }

  @Test
  void everyFigureMustBeatWebsockifyButAllAliveTies() {
    add("pingpong", "gateway", 1, "msgsPerSecond", 100, "p50Micros", 10.0, "p99Micros", 20.0, "p999Micros", 30.0);
    add("pingpong", "websockify", 1, "msgsPerSecond", 50, "p50Micros", 20.0, "p99Micros", 40.0, "p999Micros", 60.0);
    add("idle", "gateway", 8000, "alive", 8000, "rssPerSessionKiB", 20.0);
    add("idle", "websockify", 500, "alive", 500, "pssPerSessionKiB", 3000.0);
    assertTrue(check("every figure").holds(), check("every figure").actual());
    lines.set(0, lines.get(0).copy().put("p99Micros", 45.0));
    Targets.Check behind = check("every figure");
    assertFalse(behind.holds());
    assertEquals("1 of 6 do not: pingpong ×1 p99 (µs)", behind.actual());
  }

  @Test
  void aMissingFigureIsNotAHold() {
    assertFalse(check("ping-pong ×100: messages").holds());
    assertEquals("not measured", check("setup ×32").actual());
  }
}
