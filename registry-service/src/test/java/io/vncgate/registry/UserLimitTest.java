package io.vncgate.registry;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vncgate.shared.bus.RegistryClient;
import io.vncgate.shared.bus.ResolveRequest;
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

/** A user may hold only so many sessions across the cluster (4429 "too many sessions for this user"). */
@ExtendWith(VertxExtension.class)
class UserLimitTest {

  private static RedisTestServer redis;
  private static RegistryClient client;

  @BeforeAll
  static void start(Vertx vertx) {
    redis = RedisTestServer.start();
    RegistryHarness registry = new RegistryHarness(vertx, redis.url(), Map.of("MAX_SESSIONS_PER_USER", "2"));
    registry.put("u1", new JsonObject().put("host", "10.12.0.1").put("port", 5901).put("pool", "users"));
    registry.put("u2", new JsonObject().put("host", "10.12.0.2").put("port", 5901).put("pool", "users"));
    client = new RegistryClient(vertx.eventBus(), Duration.ofSeconds(5));
  }

  @AfterAll
  static void stop() {
    redis.close();
  }

  private static void resolve(String sub) {
    client.resolve(new ResolveRequest(null, "users", sub, UUID.randomUUID().toString())).await();
  }

  @Test
  void thirdSessionOfAUserIsRefusedButOthersGoOn() {
    resolve("quinn");
    resolve("quinn");
    ReplyException e = assertThrows(ReplyException.class, () -> resolve("quinn"));
    assertEquals(429, e.failureCode());
    assertEquals("too many sessions for this user", e.getMessage());
    resolve("rosa");
  }
}
