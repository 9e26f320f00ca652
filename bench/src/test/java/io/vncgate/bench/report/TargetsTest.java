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
    add("setup", "gateway", 32, "tokens", "reused", "sessionsPerSecond", 2500, "p99Micros", 21_000.0);
    assertFalse(check("setup ×32, reused").holds());
    lines.set(0, lines.get(0).copy().put("p99Micros", 19_000.0));
    assertTrue(check("setup ×32, reused").holds());
    lines.set(0, lines.get(0).copy().put("sessionsPerSecond", 1999));
    assertFalse(check("setup ×32, reused").holds());
  }

  @Test
  void setupIsCheckedWithTheReusedAndWithTheFreshTokenEachOnItsOwnFigure() {
    // The fresh-token line first: it must not stand in for the reused-token point, nor the other way round.
    add("setup", "gateway", 32, "tokens", "fresh", "sessionsPerSecond", 800, "p99Micros", 45_000.0, "sessions", 2700,
      "seconds", 3.4, "tokensRequested", 3000, "tokensIssued", 3000);
    add("setup", "gateway", 32, "tokens", "reused", "sessionsPerSecond", 3000, "p99Micros", 15_000.0);
    Targets.Check reused = check("setup ×32, reused");
    Targets.Check fresh = check("setup ×32, fresh");
    assertTrue(reused.holds(), reused.actual());
    assertFalse(fresh.holds(), fresh.actual());
    assertTrue(reused.actual().startsWith("3000 sessions/s"), reused.actual());
    assertTrue(fresh.actual().startsWith("800 sessions/s, p99 45.0 ms"), fresh.actual());
    assertTrue(fresh.actual().contains("2700 sessions in 3.4 s"), "the fresh point says how much it measured: " + fresh.actual());

    lines.set(0, lines.get(0).copy().put("sessionsPerSecond", 2100).put("p99Micros", 18_000.0));
    lines.set(1, lines.get(1).copy().put("p99Micros", 25_000.0));
    assertTrue(check("setup ×32, fresh").holds());
    assertFalse(check("setup ×32, reused").holds());
  }

  @Test
  void freshTokenFailuresAreShownWithTheFigure() {
    add("setup", "gateway", 32, "tokens", "fresh", "sessionsPerSecond", 2100, "p99Micros", 18_000.0, "failed", 3,
      "tokensRequested", 3000, "tokensIssued", 2990);
    Targets.Check fresh = check("setup ×32, fresh");
    assertTrue(fresh.actual().contains("3 sessions failed"), fresh.actual());
    assertTrue(fresh.actual().contains("10 token requests failed"), fresh.actual());
  }

  @Test
  void resultsWithoutTheTokensFieldAreTheReusedTokenPoint() {
    add("setup", "gateway", 32, "sessionsPerSecond", 2500, "p99Micros", 19_000.0);
    assertTrue(check("setup ×32, reused").holds());
    assertEquals("not measured", check("setup ×32, fresh").actual());
    assertFalse(check("setup ×32, fresh").holds());
  }

  @Test
  void aFreshTokenPointThatCouldNotRunSaysWhy() {
    add("setup", "gateway", 32, "tokens", "fresh", "tokensRequested", 3000, "tokensIssued", 12, "notMeasured", "too few tokens: 12");
    assertEquals("not measured: too few tokens: 12", check("setup ×32, fresh").actual());
    assertFalse(check("setup ×32, fresh").holds());
  }

  @Test
  void freshTokenRowsCompareWithRawAndWebsockifyAtTheSameConcurrency() {
    add("setup", "raw", 32, "tokens", "none", "sessionsPerSecond", 10_000, "p50Micros", 1000.0, "p99Micros", 5000.0);
    add("setup", "gateway", 32, "tokens", "reused", "sessionsPerSecond", 3000, "p50Micros", 9000.0, "p99Micros", 20_000.0);
    add("setup", "websockify", 32, "tokens", "none", "sessionsPerSecond", 300, "p50Micros", 90_000.0, "p99Micros", 120_000.0);
    add("setup", "gateway", 32, "tokens", "fresh", "sessionsPerSecond", 250, "p50Micros", 40_000.0, "p99Micros", 60_000.0);
    List<Row> rows = Row.of(new Results(new JsonObject(), lines));
    Row reused = rows.stream().filter(r -> r.scenario().equals(Row.SETUP_REUSED) && r.metric().equals("sessions/s")).findFirst()
      .orElseThrow();
    Row fresh = rows.stream().filter(r -> r.scenario().equals(Row.SETUP_FRESH) && r.metric().equals("sessions/s")).findFirst()
      .orElseThrow();
    assertEquals(3000.0, reused.gateway());
    assertEquals(250.0, fresh.gateway());
    assertEquals(reused.raw(), fresh.raw(), "raw TCP has no token: the same figure on both rows");
    assertEquals(reused.websockify(), fresh.websockify());
    assertEquals(0.025, fresh.gatewayToRaw(), 1e-9);
    // A fresh-token figure behind websockify's counts against "every figure beats websockify".
    Targets.Check every = check("every figure");
    assertFalse(every.holds());
    assertTrue(every.actual().contains(Row.SETUP_FRESH + " ×32 sessions/s"), every.actual());
    assertFalse(every.actual().contains(Row.SETUP_REUSED), every.actual());
  }

  @Test
  void noFreshTokenRowsWithoutAFreshTokenPoint() {
    add("setup", "gateway", 1, "sessionsPerSecond", 900, "p50Micros", 900.0, "p99Micros", 5000.0);
    List<Row> rows = Row.of(new Results(new JsonObject(), lines));
    assertEquals(3, rows.size());
    assertTrue(rows.stream().allMatch(r -> r.scenario().equals(Row.SETUP_REUSED)));
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
    assertEquals("not measured", check("setup ×32, reused").actual());
    assertEquals("not measured", check("setup ×32, fresh").actual());
  }
}
