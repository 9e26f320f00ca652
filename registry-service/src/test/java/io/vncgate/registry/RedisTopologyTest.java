package io.vncgate.registry;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vncgate.shared.bus.RegistryClient;
import io.vncgate.shared.bus.ResolveRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.embedded.RedisCluster;
import redis.embedded.RedisServer;
import redis.embedded.RedisShardedCluster;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The registry through Redis Sentinel and through a Redis Cluster (both from embedded-redis's
 * redis-server, on 127.0.0.1): registration, listing, the import transaction and pool
 * assignment work unchanged.
 */
@ExtendWith(VertxExtension.class)
class RedisTopologyTest {

  private static void exercise(Vertx vertx, RegistryHarness registry) {
    assertEquals(201, registry.put("t1", new JsonObject().put("host", "10.11.0.1").put("port", 5901).put("pool", "topo")
      .put("maxSessions", 1)).statusCode());
    assertEquals(200, RegistryHarness.auth(registry.http.post("/api/v1/import/websockify?pool=topo"))
      .sendBuffer(io.vertx.core.buffer.Buffer.buffer("t2: 10.11.0.2:5901\nt3: 10.11.0.3:5901\n")).await().statusCode());
    assertEquals(3, registry.get("/api/v1/hosts?pool=topo").bodyAsJsonObject().getJsonArray("hosts").size());
    RegistryClient client = new RegistryClient(vertx.eventBus(), Duration.ofSeconds(5));
    assertEquals("10.11.0.1", client.resolve(new ResolveRequest("t1", null, "u", UUID.randomUUID().toString())).await().host());
    assertEquals(true, client.resolve(new ResolveRequest(null, "topo", "u", UUID.randomUUID().toString())).await().hostId()
      .matches("t[23]"), "t1 is full, the pool goes elsewhere");
  }

  @Test
  void throughSentinel(Vertx vertx) throws IOException {
    RedisCluster sentinel = RedisCluster.newRedisCluster()
      .withServerBuilder(RedisServer.newRedisServer().bind("127.0.0.1"))
      .sentinelCount(1).quorumSize(1).replicationGroup("vncgate-master", 1).ephemeral().build();
    sentinel.start();
    try {
      RegistryHarness registry = new RegistryHarness(vertx, "redis://127.0.0.1:" + sentinel.sentinelPorts().get(0), Map.of(
        "REDIS_TYPE", "sentinel", "REDIS_MASTER_NAME", "vncgate-master"));
      exercise(vertx, registry);
    } finally {
      sentinel.stop();
    }
  }

  @Test
  void throughACluster(Vertx vertx) throws IOException {
    RedisShardedCluster cluster = RedisShardedCluster.newRedisCluster()
      .withServerBuilder(RedisServer.newRedisServer().bind("127.0.0.1"))
      .shard("a", 0).shard("b", 0).shard("c", 0).ephemeralServers().initializationTimeout(Duration.ofSeconds(30)).build();
    cluster.start();
    try {
      RegistryHarness registry = new RegistryHarness(vertx, "redis://127.0.0.1:" + cluster.serverPorts().get(0),
        "{vncgate-" + UUID.randomUUID().toString().substring(0, 6) + "}:", Map.of("REDIS_TYPE", "cluster"));
      exercise(vertx, registry);
    } finally {
      cluster.stop();
    }
  }
}
