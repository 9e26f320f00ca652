package io.vncgate.token;

import io.vncgate.shared.config.ConfigException;
import io.vncgate.shared.config.Settings;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

/**
 * Settings of the token service, validated once at start-up.
 *
 * @param httpHost          address to listen on ({@code VNCGATE_HTTP_HOST}, default all interfaces)
 * @param httpPort          REST port ({@code VNCGATE_HTTP_PORT}, default 8081)
 * @param apiKeys           operator API keys ({@code VNCGATE_API_KEYS}, required)
 * @param jwtSecret         HS256 signing secret, at least 32 bytes ({@code VNCGATE_JWT_SECRET}, required)
 * @param issuer            {@code iss} of issued tokens and the only one accepted ({@code VNCGATE_JWT_ISSUER})
 * @param audience          {@code aud} of issued tokens and the only one accepted ({@code VNCGATE_JWT_AUDIENCE})
 * @param defaultTtlSeconds lifetime when a request names none ({@code VNCGATE_TOKEN_DEFAULT_TTL})
 * @param maxTtlSeconds     longest lifetime a request may ask for ({@code VNCGATE_TOKEN_MAX_TTL})
 * @param leewaySeconds     clock skew allowed on {@code exp}/{@code nbf} ({@code VNCGATE_JWT_LEEWAY})
 * @param publicUrl         the gateway base URL browsers use ({@code VNCGATE_PUBLIC_URL})
 * @param wsPath            the gateway's WebSocket path ({@code VNCGATE_WS_PATH}, default {@code /websockify})
 */
public record TokenConfig(String httpHost, int httpPort, List<String> apiKeys, String jwtSecret, String issuer, String audience,
                          int defaultTtlSeconds, int maxTtlSeconds, int leewaySeconds, String publicUrl,
                          String wsPath) {

  public static final int MIN_SECRET_BYTES = 32;

  public static TokenConfig from(Settings s) {
    int maxTtl = s.integer("TOKEN_MAX_TTL", 3600, 1, 7 * 24 * 3600);
    TokenConfig config = new TokenConfig(
      s.string("HTTP_HOST", "0.0.0.0"),
      s.port("HTTP_PORT", 8081),
      s.list("API_KEYS", List.of()),
      s.secret("JWT_SECRET", MIN_SECRET_BYTES),
      s.string("JWT_ISSUER", "vncgate-token-service"),
      s.string("JWT_AUDIENCE", "vncgate-gateway"),
      s.integer("TOKEN_DEFAULT_TTL", Math.min(300, maxTtl), 1, maxTtl),
      maxTtl,
      s.integer("JWT_LEEWAY", 30, 0, 300),
      publicUrl(s.string("PUBLIC_URL", "http://127.0.0.1:8080")),
      s.string("WS_PATH", "/websockify"));
    if (config.apiKeys().isEmpty()) {
      throw new ConfigException("VNCGATE_API_KEYS must list at least one API key (comma-separated)");
    }
    return config;
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
