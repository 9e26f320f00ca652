package io.vncgate.registry;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServer;
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
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two registry instances probe real TCP servers: a host that stops answering leaves assignment
 * and comes back when it answers again, and no host is probed twice in one interval.
 */
@ExtendWith(VertxExtension.class)
class HealthProbeTest {

  private static RedisTestServer redis;
  private static RegistryHarness registry;

  @BeforeAll
  static void start(Vertx vertx) {
    redis = RedisTestServer.start();
    String prefix = "hp" + UUID.randomUUID().toString().substring(0, 6) + ":";
    Map<String, String> probing = Map.of("PROBE_INTERVAL_SECONDS", "1", "PROBE_TIMEOUT_MS", "500", "PROBE_FAILURES", "2");
    registry = new RegistryHarness(vertx, redis.url(), prefix, probing);
    new RegistryHarness(vertx, redis.url(), prefix, probing);
  }

  @AfterAll
  static void stop() {
    redis.close();
  }

  private static NetServer desktop(Vertx vertx, int port) {
    return vertx.createNetServer().connectHandler(socket -> socket.write(Buffer.buffer("RFB 003.008\n")))
      .listen(port, "127.0.0.1").await();
  }

  private static Future<String> status(String id) {
    return RegistryHarness.auth(registry.http.get("/api/v1/hosts/" + id)).send()
      .map(r -> r.bodyAsJsonObject().getJsonObject("health").getString("status"));
  }

  @Test
  void hostThatStopsAnsweringLeavesAssignmentAndComesBack(Vertx vertx) {
    NetServer steady = desktop(vertx, 0);
    NetServer flaky = desktop(vertx, 0);
    int flakyPort = flaky.actualPort();
    registry.put("steady", new JsonObject().put("host", "127.0.0.1").put("port", steady.actualPort()).put("pool", "probed"));
    registry.put("flaky", new JsonObject().put("host", "127.0.0.1").put("port", flakyPort).put("pool", "probed"));
    Poll.until(vertx, Duration.ofSeconds(10), "both hosts to be seen up",
      () -> Future.all(status("steady"), status("flaky")).map(all -> "up".equals(all.resultAt(0)) && "up".equals(all.resultAt(1))));

    flaky.close().await();
    Poll.until(vertx, Duration.ofSeconds(10), "the closed host to go down", () -> status("flaky").map("down"::equals));
    JsonObject health = registry.host("flaky").getJsonObject("health");
    assertEquals(true, health.getString("lastError").startsWith("connect failed"), health.encode());
    RegistryClient client = new RegistryClient(vertx.eventBus(), Duration.ofSeconds(5));
    for (int i = 0; i < 4; i++) {
      assertEquals("steady", client.resolve(new ResolveRequest(null, "probed", "u", UUID.randomUUID().toString())).await().hostId());
    }

    desktop(vertx, flakyPort);
    Poll.until(vertx, Duration.ofSeconds(10), "the host to come back", () -> status("flaky").map("up"::equals));
    steady.close().await();
    Poll.until(vertx, Duration.ofSeconds(10), "the other host to go down", () -> status("steady").map("down"::equals));
    assertEquals("flaky", client.resolve(new ResolveRequest(null, "probed", "u", UUID.randomUUID().toString())).await().hostId());
  }

  @Test
  void twoInstancesShareTheProbesWithoutDoubleWork(Vertx vertx) {
    AtomicInteger counted = new AtomicInteger();
    NetServer server = vertx.createNetServer().connectHandler(socket -> {
      counted.incrementAndGet();
      socket.write(Buffer.buffer("RFB 003.008\n"));
    }).listen(0, "127.0.0.1").await();
    registry.put("counted", new JsonObject().put("host", "127.0.0.1").put("port", server.actualPort()));
    Promise<Void> threeSeconds = Promise.promise();
    vertx.setTimer(3000, t -> threeSeconds.complete());
    threeSeconds.future().await();
    // One probe a second, shared by two instances; with double work it would be about six.
    int seen = counted.get();
    assertTrue(seen >= 2 && seen <= 4, "probes in 3 s with two instances: " + seen);
  }
}
