package io.vncgate.registry;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.junit5.VertxExtension;
import io.vncgate.registry.host.Host;
import io.vncgate.registry.store.RedisHostStore;
import io.vertx.redis.client.Redis;
import io.vncgate.shared.bus.Destination;
import io.vncgate.shared.bus.RegistryClient;
import io.vncgate.shared.bus.ResolveRequest;
import io.vncgate.shared.config.Settings;
import io.vncgate.testkit.RedisTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The resolve consumer over the event bus, backed by real Redis. */
@ExtendWith(VertxExtension.class)
class ResolveTest {

  private static RedisTestServer redisServer;
  private static RegistryClient client;

  @BeforeAll
  static void start(Vertx vertx) {
    redisServer = RedisTestServer.start();
    String prefix = "r" + UUID.randomUUID().toString().substring(0, 8) + ":";
    vertx.deployVerticle(new RegistryVerticle(RegistryConfig.from(Settings.of(Map.of(
      "HTTP_HOST", "127.0.0.1", "HTTP_PORT", "0", "API_KEYS", "k", "REDIS_URL", redisServer.url(), "REDIS_PREFIX", prefix))))).await();
    new RedisHostStore(Redis.createClient(vertx, redisServer.url()), prefix)
      .put(new Host("desk-1", "10.1.2.3", 5901, null, Map.of())).await();
    client = new RegistryClient(vertx.eventBus(), Duration.ofSeconds(5));
  }

  @AfterAll
  static void stop() {
    redisServer.close();
  }

  @Test
  void registeredHostResolvesToItsAddress() {
    Destination destination = client.resolve(new ResolveRequest("desk-1", null, "alice", "s-1")).await();
    assertEquals(new Destination("desk-1", "10.1.2.3", 5901, null), destination);
  }

  @Test
  void unknownHostIs404WithAReasonForPeople() {
    ReplyException e = assertThrows(ReplyException.class,
      () -> client.resolve(new ResolveRequest("nobody", null, "alice", "s-2")).await());
    assertEquals(404, e.failureCode());
    assertEquals("desktop not found", e.getMessage());
  }
}
