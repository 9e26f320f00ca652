package io.vncgate.registry;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vncgate.shared.bus.Addresses;
import io.vncgate.shared.bus.LoadReport;
import io.vncgate.shared.bus.SessionInfo;
import io.vncgate.shared.bus.SessionKill;
import io.vncgate.testkit.RedisTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.vncgate.registry.RegistryHarness.auth;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The session directory built from load reports, and ending a session: a kill for the owning
 * gateway and a revocation request for the token service (both stood in for on the bus here;
 * integration-tests runs the real ones).
 */
@ExtendWith(VertxExtension.class)
class SessionsApiTest {

  private static RedisTestServer redis;
  private static RegistryHarness registry;
  private static final List<JsonObject> kills = new CopyOnWriteArrayList<>();
  private static final List<JsonObject> revocations = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start(Vertx vertx) {
    redis = RedisTestServer.start();
    registry = new RegistryHarness(vertx, redis.url(), Map.of());
    vertx.eventBus().<JsonObject>consumer(Addresses.SESSION_KILL, m -> kills.add(m.body())).completion().await();
    vertx.eventBus().<JsonObject>consumer(Addresses.TOKEN_REVOKE, m -> {
      revocations.add(m.body());
      m.reply(new JsonObject().put("revoked", true));
    }).completion().await();
    long now = System.currentTimeMillis();
    vertx.eventBus().publish(Addresses.REGISTRY_LOAD, new LoadReport("gw-a#1", "gw-a", now, List.of(
      new SessionInfo("s-1", "desk-1", "alice", "j-1", "192.0.2.1", now, 10, 2000),
      new SessionInfo("s-2", "desk-2", "bob", "j-2", "192.0.2.2", now, 20, 4000))).toJson());
    vertx.eventBus().publish(Addresses.REGISTRY_LOAD, new LoadReport("gw-b#1", "gw-b", now, List.of(
      new SessionInfo("s-3", "desk-1", "bob", "j-3", "192.0.2.3", now, 30, 6000))).toJson());
    Poll.until(vertx, Duration.ofSeconds(5), "both reports", () -> auth(registry.http.get("/api/v1/sessions")).send()
      .map(r -> r.bodyAsJsonObject().getJsonArray("sessions").size() == 3));
  }

  @AfterAll
  static void stop() {
    redis.close();
  }

  private static List<String> ids(String query) {
    JsonArray sessions = registry.get("/api/v1/sessions" + query).bodyAsJsonObject().getJsonArray("sessions");
    return sessions.stream().map(s -> ((JsonObject) s).getString("sessionId")).sorted().toList();
  }

  @Test
  void sessionsOfEveryGatewayAreListedAndFiltered() {
    assertEquals(List.of("s-1", "s-2", "s-3"), ids(""));
    assertEquals(List.of("s-1", "s-3"), ids("?hostId=desk-1"));
    assertEquals(List.of("s-2", "s-3"), ids("?sub=bob"));
    assertEquals(List.of("s-3"), ids("?hostId=desk-1&sub=bob"));
    JsonObject s3 = registry.get("/api/v1/sessions?sub=bob&hostId=desk-1").bodyAsJsonObject().getJsonArray("sessions").getJsonObject(0);
    assertEquals("gw-b", s3.getString("node"));
    assertEquals(6000, s3.getLong("bytesOut"));
  }

  @Test
  void killEndsTheSessionAndRevokesItsToken(Vertx vertx) {
    HttpResponse<Buffer> killed = auth(registry.http.delete("/api/v1/sessions/s-3")).send().await();
    assertEquals(202, killed.statusCode());
    assertEquals(new JsonObject().put("sessionId", "s-3").put("node", "gw-b").put("tokenRevoked", true), killed.bodyAsJsonObject());
    Poll.until(vertx, Duration.ofSeconds(5), "the kill to be published", () -> Future.succeededFuture(!kills.isEmpty()));
    SessionKill kill = SessionKill.fromJson(kills.get(kills.size() - 1));
    assertEquals("s-3", kill.sessionId());
    assertTrue(revocations.stream().anyMatch(r -> "j-3".equals(r.getString("jti"))));
  }

  @Test
  void killCanLeaveTheTokenAloneAndUnknownSessionsAre404() {
    int before = revocations.size();
    HttpResponse<Buffer> killed = auth(registry.http.delete("/api/v1/sessions/s-2?revoke=false")).send().await();
    assertEquals(202, killed.statusCode());
    assertEquals(false, killed.bodyAsJsonObject().getBoolean("tokenRevoked"));
    assertEquals(before, revocations.size());
    assertEquals(404, auth(registry.http.delete("/api/v1/sessions/no-such-session")).send().await().statusCode());
  }
}
