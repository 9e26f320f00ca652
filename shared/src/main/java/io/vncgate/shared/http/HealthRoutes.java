package io.vncgate.shared.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

import java.util.function.Supplier;

/**
 * {@code GET /health/live} (the process answers) and {@code GET /health/ready} (it can do its
 * work now: 200, or 503 with the reason).
 */
public final class HealthRoutes {

  private HealthRoutes() {
  }

  public static void mount(Router router, String service, Supplier<Future<?>> readiness) {
    router.get("/health/live").handler(ctx -> ctx.json(new JsonObject().put("status", "UP").put("service", service)));
    router.get("/health/ready").handler(ctx -> readiness.get()
      .onSuccess(ok -> ctx.json(new JsonObject().put("status", "UP").put("service", service)))
      .onFailure(err -> ctx.response().setStatusCode(503).putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("status", "DOWN").put("service", service).put("reason", String.valueOf(err.getMessage())).encode())));
  }
}
