package io.vncgate.registry;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vncgate.shared.bus.RegistryClient;
import io.vncgate.shared.bus.ResolveRequest;
import io.vncgate.testkit.FreePorts;
import io.vncgate.testkit.RedisTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.Map;

import static io.vncgate.registry.RegistryHarness.auth;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Redis (the embedded-redis server) stops and starts again, empty, in the middle of the test:
 * the registry answers 503 meanwhile, recovers without a restart of its own, and a host whose
 * agent heartbeats with its registration is back by itself.
 */
@ExtendWith(VertxExtension.class)
class RedisRestartTest {

  @Test
  void registryRecoversAndHeartbeatingHostsReappear(Vertx vertx) {
    int port = FreePorts.next();
    RedisTestServer redis = RedisTestServer.startEmbedded(port);
    RegistryHarness registry = new RegistryHarness(vertx, redis.url(), Map.of());
    JsonObject registration = new JsonObject().put("host", "10.10.0.1").put("port", 5901).put("ttlSeconds", 30);
    assertEquals(201, registry.put("agent", registration).statusCode());
    // The agent on the desktop heartbeats every 200 ms with its registration, as documented.
    long agent = vertx.setPeriodic(200, t -> auth(registry.http.post("/api/v1/hosts/agent/heartbeat")).sendJsonObject(registration));
    RegistryClient resolver = new RegistryClient(vertx.eventBus(), Duration.ofSeconds(5));
    try {
      assertEquals("10.10.0.1", resolver.resolve(new ResolveRequest("agent", null, "u", "s1")).await().host());

      redis.close();
      assertEquals(503, registry.http.get("/health/ready").send().await().statusCode());
      assertEquals(503, registry.get("/api/v1/hosts").statusCode());

      RedisTestServer restarted = RedisTestServer.startEmbedded(port);
      try {
        Poll.until(vertx, Duration.ofSeconds(15), "the registry to be ready again",
          () -> registry.http.get("/health/ready").send().map(r -> r.statusCode() == 200));
        Poll.until(vertx, Duration.ofSeconds(15), "the heartbeating host to reappear",
          () -> auth(registry.http.get("/api/v1/hosts/agent")).send().map(r -> r.statusCode() == 200));
        assertEquals("10.10.0.1", resolver.resolve(new ResolveRequest("agent", null, "u", "s2")).await().host());
      } finally {
        vertx.cancelTimer(agent);
        restarted.close();
      }
    } finally {
      vertx.cancelTimer(agent);
    }
  }
}
