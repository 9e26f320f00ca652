package io.vncgate.registry;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vncgate.shared.bus.Addresses;
import io.vncgate.shared.bus.LoadReport;
import io.vncgate.shared.bus.SessionInfo;
import io.vncgate.testkit.RedisTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A busy gateway event loop reports thousands of sessions at once: every one must count on its
 * host (and for its user, under a per-user limit), and a later report that lists fewer must take
 * exactly the missing ones away. The sizes pass the largest batch the report script writes in
 * one command (1,000 sessions) several times over, and the most values Redis's Lua can pass to
 * one command (about 8,000) for the reporter's hash and for one host.
 */
@ExtendWith(VertxExtension.class)
class LargeReportTest {

  private static RedisTestServer redisServer;
  private static RegistryHarness registry;
  private static Redis redis;

  @BeforeAll
  static void start(Vertx vertx) {
    redisServer = RedisTestServer.start();
    registry = new RegistryHarness(vertx, redisServer.url(), Map.of("MAX_SESSIONS_PER_USER", "100000"));
    for (String id : List.of("big-1", "big-2")) {
      assertEquals(201, registry.put(id, new JsonObject().put("host", "10.14.0.1").put("port", 5901)).statusCode());
    }
    redis = Redis.createClient(vertx, redisServer.url());
  }

  @AfterAll
  static void stop() {
    redisServer.close();
  }

  @Test
  void everySessionOfALargeReportCountsAndALaterReportTakesAwayExactlyTheMissingOnes(Vertx vertx) {
    // 4,500 sessions on big-1, 1,500 on big-2; 3,000 of them (every other one) belong to "heavy".
    List<SessionInfo> sessions = new ArrayList<>();
    for (int i = 0; i < 6_000; i++) {
      sessions.add(new SessionInfo("s-" + i, i < 4_500 ? "big-1" : "big-2", i % 2 == 0 ? "heavy" : "user-" + i,
        "j-" + i, "192.0.2.1", 0, 0, 0));
    }
    report(vertx, sessions);
    awaitCounts(vertx, 4_500, 1_500, 3_000);

    // The next report lists every session but the first 1,500 on big-1 (750 of them heavy's).
    report(vertx, sessions.subList(1_500, sessions.size()));
    awaitCounts(vertx, 3_000, 1_500, 2_250);
    assertEquals(4_500L, count(Request.cmd(Command.HLEN).arg(registry.prefix + "reporter:gw-big#1")).await());
    assertEquals(4_500, registry.get("/api/v1/sessions").bodyAsJsonObject().getJsonArray("sessions").size());
  }

  private static void report(Vertx vertx, List<SessionInfo> sessions) {
    vertx.eventBus().publish(Addresses.REGISTRY_LOAD,
      new LoadReport("gw-big#1", "gw-big", System.currentTimeMillis(), sessions).toJson());
  }

  /** Waits until the hosts' and heavy's live session counts are these. */
  private static void awaitCounts(Vertx vertx, int onBig1, int onBig2, int heavys) {
    Poll.until(vertx, Duration.ofSeconds(10), "counts " + onBig1 + "/" + onBig2 + "/" + heavys, () ->
      Future.all(registry.sessionsOn("big-1"), registry.sessionsOn("big-2"),
          count(Request.cmd(Command.ZCARD).arg(registry.prefix + "user-sessions:heavy")))
        .map(all -> all.<Integer>resultAt(0) == onBig1 && all.<Integer>resultAt(1) == onBig2
          && all.<Long>resultAt(2) == heavys));
  }

  private static Future<Long> count(Request request) {
    return redis.send(request).map(reply -> reply.toLong());
  }
}
