package io.vncgate.shared.redis;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisClusterTransactions;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.RedisRole;
import io.vncgate.shared.config.ConfigException;
import io.vncgate.shared.config.Settings;

import java.util.List;
import java.util.Locale;

/**
 * How the token and registry services reach Redis: standalone, through Sentinel, or a Redis
 * Cluster.
 *
 * @param type       {@code standalone} (default), {@code sentinel} or {@code cluster} ({@code VNCGATE_REDIS_TYPE})
 * @param endpoints  {@code redis://[user:password@]host:port} (or {@code rediss://}) — the server; the
 *                   Sentinels; or some cluster nodes ({@code VNCGATE_REDIS_URL}, comma-separated)
 * @param masterName the Sentinel master name ({@code VNCGATE_REDIS_MASTER_NAME}, default {@code mymaster})
 * @param poolSize   connections per verticle instance ({@code VNCGATE_REDIS_POOL_SIZE}, default 8)
 * @param prefix     prefix of every key ({@code VNCGATE_REDIS_PREFIX}, default {@code vncgate:}, or
 *                   {@code {vncgate}:} for a cluster: the hash tag keeps every key in one slot, so
 *                   the multi-key scripts stay atomic)
 */
public record RedisSettings(RedisClientType type, List<String> endpoints, String masterName, int poolSize, String prefix) {

  public static RedisSettings from(Settings s) {
    RedisClientType type = switch (s.string("REDIS_TYPE", "standalone").toLowerCase(Locale.ROOT)) {
      case "standalone" -> RedisClientType.STANDALONE;
      case "sentinel" -> RedisClientType.SENTINEL;
      case "cluster" -> RedisClientType.CLUSTER;
      default -> throw new ConfigException("VNCGATE_REDIS_TYPE must be standalone, sentinel or cluster, got '"
        + s.string("REDIS_TYPE", "") + "'");
    };
    List<String> endpoints = s.list("REDIS_URL", List.of("redis://127.0.0.1:6379"));
    for (String endpoint : endpoints) {
      if (!endpoint.matches("rediss?://.+")) {
        throw new ConfigException("VNCGATE_REDIS_URL must look like redis://host:port (or rediss:// for TLS), got '" + endpoint + "'");
      }
    }
    if (type == RedisClientType.STANDALONE && endpoints.size() > 1) {
      throw new ConfigException("VNCGATE_REDIS_URL names " + endpoints.size() + " servers: set VNCGATE_REDIS_TYPE to sentinel or cluster");
    }
    String prefix = s.string("REDIS_PREFIX", type == RedisClientType.CLUSTER ? "{vncgate}:" : "vncgate:");
    if (type == RedisClientType.CLUSTER && !prefix.matches(".*\\{[^}]+}.*")) {
      throw new ConfigException("VNCGATE_REDIS_PREFIX must hold a hash tag such as {vncgate}: with a Redis Cluster,"
        + " so that each multi-key change stays in one slot and atomic; got '" + prefix + "'");
    }
    return new RedisSettings(type, endpoints, s.string("REDIS_MASTER_NAME", "mymaster"),
      s.integer("REDIS_POOL_SIZE", 8, 1, 256), prefix);
  }

  /** A standalone server at {@code url} (tests, tools). */
  public static RedisSettings standalone(String url, String prefix) {
    return new RedisSettings(RedisClientType.STANDALONE, List.of(url), "mymaster", 8, prefix);
  }

  /**
   * A pooled client. It needs no Redis at start: commands fail while Redis is away and work
   * again once it is back, because the pool opens new connections on demand.
   */
  public Redis client(Vertx vertx) {
    RedisOptions options = new RedisOptions()
      .setType(type)
      .setEndpoints(endpoints)
      .setMaxPoolSize(poolSize)
      .setMaxPoolWaiting(1024);
    if (type == RedisClientType.SENTINEL) {
      options.setMasterName(masterName).setRole(RedisRole.MASTER);
    }
    if (type == RedisClientType.CLUSTER) {
      // Every key shares the prefix's hash tag, so a transaction stays on one node.
      options.setClusterTransactions(RedisClusterTransactions.SINGLE_NODE);
    }
    return Redis.createClient(vertx, options);
  }
}
