package io.vncgate.registry;

import io.vncgate.shared.config.Settings;
import io.vncgate.shared.http.ApiKeys;
import io.vncgate.shared.redis.RedisSettings;

import java.util.List;

/**
 * Settings of the registry service, validated once at start-up.
 *
 * @param httpHost address to listen on ({@code VNCGATE_HTTP_HOST}, default all interfaces)
 * @param httpPort REST port ({@code VNCGATE_HTTP_PORT}, default 8082)
 * @param apiKeys  operator API keys with names, stored as digests ({@code VNCGATE_API_KEYS}, required)
 * @param redis    Redis connection and key prefix ({@code VNCGATE_REDIS_*})
 */
public record RegistryConfig(String httpHost, int httpPort, ApiKeys apiKeys, RedisSettings redis) {

  public static RegistryConfig from(Settings s) {
    return new RegistryConfig(
      s.string("HTTP_HOST", "0.0.0.0"),
      s.port("HTTP_PORT", 8082),
      ApiKeys.parse(s.list("API_KEYS", List.of())),
      RedisSettings.from(s));
  }
}
