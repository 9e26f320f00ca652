package io.vncgate.shared.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * REST error bodies: always {@code {"error": code, "message": text}} with a 4xx/5xx status.
 * {@code error} is a stable machine-readable word, {@code message} is for people.
 */
public final class ApiErrors {

  private ApiErrors() {
  }

  public static void send(RoutingContext ctx, int status, String error, String message) {
    if (ctx.response().ended()) {
      return;
    }
    ctx.response()
      .setStatusCode(status)
      .putHeader("Content-Type", "application/json")
      .putHeader("Cache-Control", "no-store")
      .end(new JsonObject().put("error", error).put("message", message).encode());
  }

  public static void badRequest(RoutingContext ctx, String message) {
    send(ctx, 400, "invalid_request", message);
  }

  public static void notFound(RoutingContext ctx, String message) {
    send(ctx, 404, "not_found", message);
  }

  /**
   * Router-level failure handler: turns unhandled failures and framework statuses (415, 413,
   * 405, …) into the same JSON body, and never leaks exception text for 5xx.
   */
  public static void onFailure(RoutingContext ctx) {
    int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
    if (status >= 500) {
      org.slf4j.LoggerFactory.getLogger(ApiErrors.class)
        .error("{} {} failed", ctx.request().method(), ctx.request().path(), ctx.failure());
      send(ctx, status, "internal_error", "the request could not be completed");
      return;
    }
    String error = switch (status) {
      case 401 -> "unauthorized";
      case 404 -> "not_found";
      case 405 -> "method_not_allowed";
      case 413 -> "payload_too_large";
      case 415 -> "unsupported_media_type";
      default -> "invalid_request";
    };
    String message = ctx.failure() != null && ctx.failure().getMessage() != null ? ctx.failure().getMessage() : error.replace('_', ' ');
    send(ctx, status, error, message);
  }
}
