package io.vncgate.shared.redis;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vncgate.shared.config.ConfigException;
import io.vncgate.shared.config.Settings;

/**
 * How the token and registry services reach Redis.
 *
 * @param url      connection string ({@code VNCGATE_REDIS_URL}, default {@code redis://127.0.0.1:6379})
 * @param poolSize connections per verticle instance ({@code VNCGATE_REDIS_POOL_SIZE}, default 8)
 * @param prefix   prefix of every key ({@code VNCGATE_REDIS_PREFIX}, default {@code vncgate:})
 */
public record RedisSettings(String url, int poolSize, String prefix) {

  public static RedisSettings from(Settings s) {
    String url = s.string("REDIS_URL", "redis://127.0.0.1:6379");
    if (!url.matches("rediss?://.+")) {
      throw new ConfigException("VNCGATE_REDIS_URL must look like redis://host:port (or rediss:// for TLS), got '" + url + "'");
    }
    return new RedisSettings(url, s.integer("REDIS_POOL_SIZE", 8, 1, 256), s.string("REDIS_PREFIX", "vncgate:"));
  }

  /**
   * A pooled client. It needs no Redis at start: commands fail while Redis is away and work
   * again once it is back, because the pool opens new connections on demand.
   */
  public Redis client(Vertx vertx) {
    return Redis.createClient(vertx, new RedisOptions()
      .setConnectionString(url)
      .setMaxPoolSize(poolSize)
      .setMaxPoolWaiting(1024));
  }
}
