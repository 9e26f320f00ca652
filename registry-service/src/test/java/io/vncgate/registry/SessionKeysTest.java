package io.vncgate.registry;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vncgate.shared.bus.Addresses;
import io.vncgate.shared.bus.LoadReport;
import io.vncgate.shared.bus.RegistryClient;
import io.vncgate.shared.bus.ResolveRequest;
import io.vncgate.shared.bus.SessionInfo;
import io.vncgate.testkit.RedisTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What sessions leave in Redis: most sessions end before any gateway report lists them, so their
 * reservations are all that is written for them. Once nothing counts any more, only the
 * registration may be left, however many sessions came and went, and whether or not anyone
 * assigns or reads again.
 */
class SessionKeysTest {

  /** The shortest reservation and report lifetimes the settings allow, so the test waits little. */
  private static final Map<String, String> SHORT = Map.of("ASSIGNMENT_RESERVE_SECONDS", "1", "LOAD_REPORT_TTL_SECONDS", "2");

  private static RedisTestServer redisServer;
  private Vertx vertx;
  private Redis redis;
  private String prefix;
  private RegistryClient client;

  @BeforeAll
  static void startRedis() {
    redisServer = RedisTestServer.start();
  }

  @AfterAll
  static void stopRedis() {
    redisServer.close();
  }

  /** A registry of its own (its own Vert.x, so no other registry answers its resolves) on a desktop {@code d1}. */
  private void registry(Map<String, String> settings) {
    vertx = Vertx.vertx();
    RegistryHarness registry = new RegistryHarness(vertx, redisServer.url(), settings);
    prefix = registry.prefix;
    assertEquals(201, registry.put("d1", new JsonObject().put("host", "10.13.0.1").put("port", 5901)).statusCode());
    redis = Redis.createClient(vertx, redisServer.url());
    client = new RegistryClient(vertx.eventBus(), Duration.ofSeconds(5));
  }

  @AfterEach
  void stop() {
    if (vertx != null) {
      vertx.close().await();
    }
  }

  @Test
  void withoutAUserLimitSessionsLeaveOnlyTheirReservationsAndThoseExpire() {
    registry(SHORT);
    for (int i = 0; i < 3; i++) {
      assign("ann");
    }
    assertEquals(0, exists("user-sessions:ann"), "with no per-user limit no per-user set is kept");
    long reserved = pttl("sessions:d1");
    assertTrue(reserved > 0 && reserved <= 1000, "the host's set lives as long as its reservations: " + reserved);

    reportAndAwaitLonger("ann", "sessions:d1");
    assertEquals(0, exists("user-sessions:ann"));

    onlyTheRegistrationRemains();
  }

  @Test
  void withAUserLimitTheUsersSetExpiresWithItsSessions() {
    Map<String, String> settings = new HashMap<>(SHORT);
    settings.put("MAX_SESSIONS_PER_USER", "2");
    registry(settings);
    assign("bea");
    assign("bea");
    long reserved = pttl("user-sessions:bea");
    assertTrue(reserved > 0 && reserved <= 1000, "the user's set lives as long as its reservations: " + reserved);
    reportAndAwaitLonger("bea", "user-sessions:bea");

    onlyTheRegistrationRemains();
    // And the user's places are free again.
    assign("bea");
    assign("bea");
  }

  /**
   * A gateway's report listing one live session of {@code sub} on d1: it counts for the report's
   * lifetime (2 s), so {@code key} must then live longer than the reservations' 1 s.
   */
  private void reportAndAwaitLonger(String sub, String key) {
    long now = System.currentTimeMillis();
    vertx.eventBus().publish(Addresses.REGISTRY_LOAD, new LoadReport("gw#1", "gw", now, List.of(
      new SessionInfo("s-live", "d1", sub, "j-1", "192.0.2.1", now, 10, 20))).toJson());
    Poll.until(vertx, Duration.ofSeconds(5), "the report to extend " + key,
      () -> redis.send(Request.cmd(Command.PTTL).arg(prefix + key)).map(r -> r.toLong() > 1000));
  }

  private void assign(String sub) {
    client.resolve(new ResolveRequest("d1", null, sub, UUID.randomUUID().toString())).await();
  }

  /** Waits until the registry's keys are the host's hash and the set of hosts, nothing else. */
  private void onlyTheRegistrationRemains() {
    Set<String> registration = Set.of(prefix + "host:d1", prefix + "hosts");
    Poll.until(vertx, Duration.ofSeconds(8), "only the registration to remain", () -> keys().map(registration::equals));
  }

  private Future<Set<String>> keys() {
    return redis.send(Request.cmd(Command.KEYS).arg(prefix + "*")).map(reply -> {
      Set<String> keys = new TreeSet<>();
      reply.forEach(key -> keys.add(key.toString()));
      return keys;
    });
  }

  private long exists(String key) {
    return redis.send(Request.cmd(Command.EXISTS).arg(prefix + key)).await().toLong();
  }

  private long pttl(String key) {
    return redis.send(Request.cmd(Command.PTTL).arg(prefix + key)).await().toLong();
  }
}
