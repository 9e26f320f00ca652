package io.vncgate.shared.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

import java.util.Optional;

/**
 * Guards an operator API with {@code Authorization: Bearer <key>}: a missing or wrong key gets
 * 401; a good one puts its name in the routing context ({@link #KEY_NAME}) for audit lines.
 */
public final class ApiKeyAuth implements Handler<RoutingContext> {

  /** Routing-context entry holding the name of the key that authenticated the request. */
  public static final String KEY_NAME = "vncgate.apiKeyName";

  private final ApiKeys keys;

  public ApiKeyAuth(ApiKeys keys) {
    this.keys = keys;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    Optional<ApiKeys.ApiKey> key = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
      ? keys.match(header.substring(7).trim()) : Optional.empty();
    if (key.isPresent()) {
      ctx.put(KEY_NAME, key.get().name());
      ctx.next();
      return;
    }
    ctx.response().putHeader("WWW-Authenticate", "Bearer");
    ApiErrors.send(ctx, 401, "unauthorized", "a valid API key is required (Authorization: Bearer <key>)");
  }

  /** The name of the key that authenticated this request. */
  public static String keyName(RoutingContext ctx) {
    return ctx.get(KEY_NAME);
  }
}
