package io.vncgate.registry;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Redis;
import io.vncgate.registry.store.RedisHealthStore;
import io.vncgate.shared.bus.Addresses;
import io.vncgate.shared.bus.Destination;
import io.vncgate.shared.bus.LoadReport;
import io.vncgate.shared.bus.RegistryClient;
import io.vncgate.shared.bus.ResolveRequest;
import io.vncgate.shared.bus.SessionInfo;
import io.vncgate.testkit.RedisTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Resolving single hosts and pools over the event bus, with real Redis. */
@ExtendWith(VertxExtension.class)
class ResolveTest {

  private static RedisTestServer redisServer;
  private static RegistryHarness registry;
  private static RegistryClient client;
  private static RedisHealthStore health;

  @BeforeAll
  static void start(Vertx vertx) {
    redisServer = RedisTestServer.start();
    registry = new RegistryHarness(vertx, redisServer.url(), Map.of("LOAD_REPORT_TTL_SECONDS", "2"));
    client = new RegistryClient(vertx.eventBus(), Duration.ofSeconds(5));
    health = new RedisHealthStore(Redis.createClient(vertx, redisServer.url()), registry.prefix, Clock.systemUTC(), 1);
  }

  @AfterAll
  static void stop() {
    redisServer.close();
  }

  private static Destination host(String id) {
    return client.resolve(new ResolveRequest(id, null, "alice", UUID.randomUUID().toString())).await();
  }

  private static Future<Destination> pool(String name) {
    return client.resolve(new ResolveRequest(null, name, "alice", UUID.randomUUID().toString()));
  }

  private static int refusedWith(Runnable resolve) {
    return assertThrows(ReplyException.class, resolve::run).failureCode();
  }

  @Test
  void registeredHostResolvesToItsAddress() {
    registry.put("desk-1", new JsonObject().put("host", "10.1.2.3").put("port", 5901));
    assertEquals(new Destination("desk-1", "10.1.2.3", 5901, null), host("desk-1"));
  }

  @Test
  void unknownHostOrPoolIs404WithAReasonForPeople() {
    ReplyException e = assertThrows(ReplyException.class, () -> host("nobody"));
    assertEquals(404, e.failureCode());
    assertEquals("desktop not found", e.getMessage());
    assertEquals(404, refusedWith(() -> pool("no-such-pool").await()));
  }

  @Test
  void poolPicksTheLeastLoadedHostByWeight() {
    registry.put("w1", new JsonObject().put("host", "10.2.0.1").put("port", 5901).put("pool", "weighted").put("weight", 1));
    registry.put("w3", new JsonObject().put("host", "10.2.0.3").put("port", 5901).put("pool", "weighted").put("weight", 3));
    Map<String, Integer> picks = new HashMap<>();
    for (int i = 0; i < 8; i++) {
      picks.merge(pool("weighted").await().hostId(), 1, Integer::sum);
    }
    assertEquals(Map.of("w1", 2, "w3", 6), picks, "sessions follow the weights 1:3");
  }

  @Test
  void concurrentResolvesNeverExceedMaxSessions(Vertx vertx) {
    registry.put("c1", new JsonObject().put("host", "10.3.0.1").put("port", 5901).put("pool", "crowd").put("maxSessions", 5));
    registry.put("c2", new JsonObject().put("host", "10.3.0.2").put("port", 5901).put("pool", "crowd").put("maxSessions", 5));
    AtomicInteger full = new AtomicInteger();
    Map<String, AtomicInteger> placed = Map.of("c1", new AtomicInteger(), "c2", new AtomicInteger());
    List<Future<?>> all = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      all.add(pool("crowd")
        .onSuccess(d -> placed.get(d.hostId()).incrementAndGet())
        .onFailure(err -> {
          if (((ReplyException) err).failureCode() == 429) {
            full.incrementAndGet();
          }
        }));
    }
    Future.join(all).otherwiseEmpty().await();
    assertEquals(5, placed.get("c1").get());
    assertEquals(5, placed.get("c2").get());
    assertEquals(50, full.get(), "the rest are told the pool is full");
    assertEquals(429, refusedWith(() -> pool("crowd").await()));
  }

  @Test
  void singleHostIsFullAtItsMaximumToo() {
    registry.put("solo", new JsonObject().put("host", "10.4.0.1").put("port", 5901).put("maxSessions", 1));
    host("solo");
    assertEquals(429, refusedWith(() -> host("solo")));
  }

  @Test
  void unhealthyHostsLeaveThePoolAndAnAllDownPoolIs503() {
    registry.put("h1", new JsonObject().put("host", "10.5.0.1").put("port", 5901).put("pool", "sick"));
    registry.put("h2", new JsonObject().put("host", "10.5.0.2").put("port", 5901).put("pool", "sick"));
    health.record("h1", false, "connect failed").await();
    for (int i = 0; i < 3; i++) {
      assertEquals("h2", pool("sick").await().hostId());
    }
    health.record("h2", false, "connect failed").await();
    assertEquals(503, refusedWith(() -> pool("sick").await()));
    health.record("h1", true, null).await();
    assertEquals("h1", pool("sick").await().hostId(), "a host that passes again is back in assignment");
  }

  @Test
  void reportedSessionsCountAndStopCountingWhenTheReportExpires(Vertx vertx) {
    registry.put("r1", new JsonObject().put("host", "10.6.0.1").put("port", 5901).put("pool", "reported").put("maxSessions", 2));
    List<SessionInfo> sessions = List.of(
      new SessionInfo("s-a", "r1", "bob", "j-a", "192.0.2.1", System.currentTimeMillis(), 0, 0),
      new SessionInfo("s-b", "r1", "bob", "j-b", "192.0.2.1", System.currentTimeMillis(), 0, 0));
    vertx.eventBus().publish(Addresses.REGISTRY_LOAD, new LoadReport("gw-dead#1", "gw-dead", System.currentTimeMillis(), sessions).toJson());
    Poll.until(vertx, Duration.ofSeconds(5), "the report to fill r1",
      () -> registry.sessionsOn("r1").map(n -> n == 2));
    assertEquals(429, refusedWith(() -> pool("reported").await()), "two reported sessions fill r1");
    // The gateway died: no more reports. After the report's TTL its sessions stop counting.
    Poll.until(vertx, Duration.ofSeconds(10), "the dead gateway's sessions to expire",
      () -> registry.sessionsOn("r1").map(n -> n == 0));
    assertEquals("r1", pool("reported").await().hostId());
  }
}
