package io.vncgate.shared.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vncgate.shared.config.ConfigException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * Guards an operator API with {@code Authorization: Bearer <key>}. Keys are kept only as
 * SHA-256 digests and compared in constant time; a missing or wrong key gets 401.
 */
public final class ApiKeyAuth implements Handler<RoutingContext> {

  private final List<byte[]> digests;

  private ApiKeyAuth(List<byte[]> digests) {
    this.digests = digests;
  }

  /** @throws ConfigException when no key is configured: an open operator API is never the default */
  public static ApiKeyAuth of(List<String> keys) {
    if (keys.isEmpty()) {
      throw new ConfigException("VNCGATE_API_KEYS must list at least one API key (comma-separated)");
    }
    return new ApiKeyAuth(keys.stream().map(ApiKeyAuth::sha256).toList());
  }

  @Override
  public void handle(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) && matches(header.substring(7).trim())) {
      ctx.next();
      return;
    }
    ctx.response().putHeader("WWW-Authenticate", "Bearer");
    ApiErrors.send(ctx, 401, "unauthorized", "a valid API key is required (Authorization: Bearer <key>)");
  }

  private boolean matches(String presented) {
    byte[] digest = sha256(presented);
    boolean found = false;
    for (byte[] key : digests) {
      // Check every key, so the time taken does not tell which one matched.
      found |= MessageDigest.isEqual(key, digest);
    }
    return found;
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }
}
