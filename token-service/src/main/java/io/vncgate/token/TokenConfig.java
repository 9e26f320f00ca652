package io.vncgate.token;

import io.vncgate.shared.config.ConfigException;
import io.vncgate.shared.config.Settings;
import io.vncgate.shared.http.ApiKeys;
import io.vncgate.shared.redis.RedisSettings;
import io.vncgate.token.keys.KeyFiles;
import io.vncgate.token.keys.KeyRing;
import io.vncgate.token.keys.TokenKey;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Settings of the token service, validated once at start-up.
 *
 * @param httpHost          address to listen on ({@code VNCGATE_HTTP_HOST}, default all interfaces)
 * @param httpPort          REST port ({@code VNCGATE_HTTP_PORT}, default 8081)
 * @param apiKeys           operator API keys with names, stored as digests ({@code VNCGATE_API_KEYS}, required)
 * @param keys              every key that verifies: {@code VNCGATE_JWT_KEYS_DIR} files, and
 *                          {@code VNCGATE_JWT_SECRET} as kid {@code VNCGATE_JWT_SECRET_KID}
 * @param signingKey        the key that signs ({@code VNCGATE_JWT_SIGNING_KEY}, or the only one that can)
 * @param issuer            {@code iss} of issued tokens and the only one accepted ({@code VNCGATE_JWT_ISSUER})
 * @param audience          {@code aud} of issued tokens and the only one accepted ({@code VNCGATE_JWT_AUDIENCE})
 * @param defaultTtlSeconds lifetime when a request names none ({@code VNCGATE_TOKEN_DEFAULT_TTL})
 * @param maxTtlSeconds     longest lifetime a request may ask for ({@code VNCGATE_TOKEN_MAX_TTL})
 * @param leewaySeconds     clock skew allowed on {@code exp}, {@code nbf} and {@code iat} ({@code VNCGATE_JWT_LEEWAY})
 * @param publicUrl         the gateway base URL browsers use ({@code VNCGATE_PUBLIC_URL})
 * @param wsPath            the gateway's WebSocket path ({@code VNCGATE_WS_PATH}, default {@code /websockify})
 * @param redis             where revocations and single-use state live ({@code VNCGATE_REDIS_*})
 * @param reconnectWindow   how long after its first use a single-use token may reconnect
 *                          ({@code VNCGATE_SINGLE_USE_RECONNECT_SECONDS}, default 60; 0 = never)
 * @param reconnects        reconnects a single-use token gets in that window ({@code VNCGATE_SINGLE_USE_RECONNECTS}, default 3)
 * @param issuePerMinute    tokens one API key may issue per minute, across all instances ({@code VNCGATE_ISSUE_RATE_PER_MINUTE})
 */
public record TokenConfig(String httpHost, int httpPort, ApiKeys apiKeys, List<TokenKey> keys, TokenKey signingKey,
                          String issuer, String audience, int defaultTtlSeconds, int maxTtlSeconds, int leewaySeconds,
                          String publicUrl, String wsPath, RedisSettings redis, Duration reconnectWindow, int reconnects,
                          int issuePerMinute) {

  public static TokenConfig from(Settings s) {
    int maxTtl = s.integer("TOKEN_MAX_TTL", 3600, 1, 7 * 24 * 3600);
    List<TokenKey> keys = keys(s);
    return new TokenConfig(
      s.string("HTTP_HOST", "0.0.0.0"),
      s.port("HTTP_PORT", 8081),
      ApiKeys.parse(s.list("API_KEYS", List.of())),
      keys,
      KeyRing.signingKey(keys, s.optional("JWT_SIGNING_KEY").orElse(null)),
      s.string("JWT_ISSUER", "vncgate-token-service"),
      s.string("JWT_AUDIENCE", "vncgate-gateway"),
      s.integer("TOKEN_DEFAULT_TTL", Math.min(300, maxTtl), 1, maxTtl),
      maxTtl,
      s.integer("JWT_LEEWAY", 30, 0, 300),
      publicUrl(s.string("PUBLIC_URL", "http://127.0.0.1:8080")),
      s.string("WS_PATH", "/websockify"),
      RedisSettings.from(s),
      Duration.ofSeconds(s.integer("SINGLE_USE_RECONNECT_SECONDS", 60, 0, 3600)),
      s.integer("SINGLE_USE_RECONNECTS", 3, 0, 100),
      s.integer("ISSUE_RATE_PER_MINUTE", 600, 1, 1_000_000));
  }

  private static List<TokenKey> keys(Settings s) {
    List<TokenKey> keys = new ArrayList<>();
    s.optional("JWT_KEYS_DIR").ifPresent(dir -> keys.addAll(KeyFiles.load(Path.of(dir))));
    s.optional("JWT_SECRET").ifPresent(secret ->
      keys.add(KeyFiles.secret(s.string("JWT_SECRET_KID", "secret"), secret, "VNCGATE_JWT_SECRET")));
    return keys;
  }

  private static String publicUrl(String url) {
    try {
      URI uri = new URI(url);
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
        throw new URISyntaxException(url, "not an http(s) URL with a host");
      }
    } catch (URISyntaxException e) {
      throw new ConfigException("VNCGATE_PUBLIC_URL must be the http(s) URL of the gateway, got '" + url + "'");
    }
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
