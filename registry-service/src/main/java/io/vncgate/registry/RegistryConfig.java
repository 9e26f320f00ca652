package io.vncgate.registry;

import io.vncgate.shared.config.ConfigException;
import io.vncgate.shared.config.Settings;

import java.util.List;

/**
 * Settings of the registry service, validated once at start-up.
 *
 * @param httpHost       address to listen on ({@code VNCGATE_HTTP_HOST}, default all interfaces)
 * @param httpPort       REST port ({@code VNCGATE_HTTP_PORT}, default 8082)
 * @param apiKeys        operator API keys ({@code VNCGATE_API_KEYS}, required)
 * @param redisUrl       Redis connection string ({@code VNCGATE_REDIS_URL}, default {@code redis://127.0.0.1:6379})
 * @param redisPoolSize  connections to Redis per verticle instance ({@code VNCGATE_REDIS_POOL_SIZE})
 * @param keyPrefix      prefix of every Redis key ({@code VNCGATE_REDIS_PREFIX}, default {@code vncgate:})
 */
public record RegistryConfig(String httpHost, int httpPort, List<String> apiKeys, String redisUrl, int redisPoolSize, String keyPrefix) {

  public static RegistryConfig from(Settings s) {
    RegistryConfig config = new RegistryConfig(
      s.string("HTTP_HOST", "0.0.0.0"),
      s.port("HTTP_PORT", 8082),
      s.list("API_KEYS", List.of()),
      s.string("REDIS_URL", "redis://127.0.0.1:6379"),
      s.integer("REDIS_POOL_SIZE", 8, 1, 256),
      s.string("REDIS_PREFIX", "vncgate:"));
    if (config.apiKeys().isEmpty()) {
      throw new ConfigException("VNCGATE_API_KEYS must list at least one API key (comma-separated)");
    }
    if (!config.redisUrl().matches("rediss?://.+")) {
      throw new ConfigException("VNCGATE_REDIS_URL must look like redis://host:port (or rediss:// for TLS), got '" + config.redisUrl() + "'");
    }
    return config;
  }
}
