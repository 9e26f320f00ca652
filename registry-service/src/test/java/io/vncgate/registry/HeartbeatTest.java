package io.vncgate.registry;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vncgate.testkit.RedisTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
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
