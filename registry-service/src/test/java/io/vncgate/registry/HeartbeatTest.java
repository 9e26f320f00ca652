package io.vncgate.registry;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vncgate.registry.store.RedisHealthStore;
import io.vncgate.testkit.RedisTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.vncgate.registry.RegistryHarness.auth;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Hosts registered with a TTL vanish unless they heartbeat; hosts without one stay. */
@ExtendWith(VertxExtension.class)
class HeartbeatTest {

  private static RedisTestServer redis;
  private static RegistryHarness registry;

  @BeforeAll
  static void start(Vertx vertx) {
    redis = RedisTestServer.start();
    registry = new RegistryHarness(vertx, redis.url(), Map.of());
  }

  @AfterAll
  static void stop() {
    redis.close();
  }

  private static HttpResponse<Buffer> heartbeat(String id, JsonObject body) {
    var request = auth(registry.http.post("/api/v1/hosts/" + id + "/heartbeat"));
    return (body == null ? request.send() : request.sendJsonObject(body)).await();
  }

  @Test
  void hostWithATtlExpiresUnlessItHeartbeats(Vertx vertx) {
    registry.put("agent-1", new JsonObject().put("host", "10.7.0.1").put("port", 5901).put("pool", "agents").put("ttlSeconds", 2));
    registry.put("agent-2", new JsonObject().put("host", "10.7.0.2").put("port", 5901).put("pool", "agents").put("ttlSeconds", 2));
    registry.put("static", new JsonObject().put("host", "10.7.0.3").put("port", 5901).put("pool", "agents"));
    long started = System.nanoTime();
    // agent-1 keeps heartbeating, agent-2 stops.
    long beat = vertx.setPeriodic(500, t -> auth(registry.http.post("/api/v1/hosts/agent-1/heartbeat")).send());
    Poll.until(vertx, Duration.ofSeconds(10), "agent-2 to expire", () -> RegistryHarness.auth(registry.http.get("/api/v1/hosts/agent-2"))
      .send().map(r -> r.statusCode() == 404));
    vertx.cancelTimer(beat);
    assertEquals(true, System.nanoTime() - started >= 1_500_000_000L, "not before its TTL");
    assertNotNull(registry.host("agent-1"), "heartbeats keep a host");
    assertNotNull(registry.host("static"), "a host without a TTL stays");
    assertEquals(2, registry.get("/api/v1/hosts?pool=agents").bodyAsJsonObject().getJsonArray("hosts").size());
  }

  /**
   * A host that stopped heartbeating leaves nothing behind once it has been met again (listed,
   * or probed), and an id registered anew does not inherit the old host's "down".
   */
  @Test
  void anExpiredHostLeavesNoVerdictBehind(Vertx vertx) {
    Redis store = Redis.createClient(vertx, redis.url());
    RedisHealthStore health = new RedisHealthStore(store, registry.prefix, Clock.systemUTC(), 1);
    for (String id : List.of("brief-listed", "brief-probed")) {
      registry.put(id, new JsonObject().put("host", "10.7.2.1").put("port", 5901).put("ttlSeconds", 1));
      health.record(id, false, "connection refused").await();
      assertEquals("down", registry.host(id).getJsonObject("health").getString("status"));
    }
    Poll.until(vertx, Duration.ofSeconds(10), "both hosts to expire", () -> store.send(Request.cmd(Command.EXISTS)
      .arg(registry.prefix + "host:brief-listed").arg(registry.prefix + "host:brief-probed")).map(r -> r.toInteger() == 0));

    assertEquals(200, registry.get("/api/v1/hosts").statusCode()); // a reader (as each probe round starts) meets both
    health.record("brief-probed", true, null).await();                // a probe that outlived its host writes nothing
    assertEquals(List.of(), keysOf(store, "brief-"), "nothing of the expired hosts is left");

    // The same id registered again, before any reader or probe met the old one: no old verdict.
    registry.put("brief-again", new JsonObject().put("host", "10.7.2.2").put("port", 5901).put("ttlSeconds", 1));
    health.record("brief-again", false, "connection refused").await();
    Poll.until(vertx, Duration.ofSeconds(10), "brief-again to expire", () -> store.send(Request.cmd(Command.EXISTS)
      .arg(registry.prefix + "host:brief-again")).map(r -> r.toInteger() == 0));
    registry.put("brief-again", new JsonObject().put("host", "10.7.2.2").put("port", 5901));
    assertEquals("unknown", registry.host("brief-again").getJsonObject("health").getString("status"));
  }

  private static List<String> keysOf(Redis store, String idStart) {
    List<String> keys = new ArrayList<>();
    store.send(Request.cmd(Command.KEYS).arg(registry.prefix + "*" + idStart + "*")).await().forEach(k -> keys.add(k.toString()));
    return keys;
  }

  @Test
  void heartbeatOfAVanishedHostIs404UnlessItCarriesItsRegistration() {
    assertEquals(404, heartbeat("ghost", null).statusCode());
    HttpResponse<Buffer> back = heartbeat("ghost", new JsonObject().put("host", "10.7.1.1").put("port", 5901).put("ttlSeconds", 30));
    assertEquals(201, back.statusCode(), "re-registered from the heartbeat");
    assertEquals(30, registry.host("ghost").getInteger("ttlSeconds"));
    assertEquals(204, heartbeat("ghost", null).statusCode());
    assertEquals(400, heartbeat("ghost2", new JsonObject().put("host", "10.7.1.1")).statusCode(), "a bad registration is refused");
    assertNull(registry.host("ghost2"));
  }
}
