package io.vncgate.shared.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The router every operator-facing service shares: health routes, the API-key guard on
 * {@code /api/*} (so a wrong key gets 401 before any 404), the service's own routes, then JSON
 * error bodies for failures and unknown paths.
 */
public final class OperatorApi {

  private OperatorApi() {
  }

  public static Router router(Vertx vertx, String service, Supplier<Future<?>> readiness, ApiKeys apiKeys,
                              Consumer<Router> routes) {
    Router router = Router.router(vertx);
    HealthRoutes.mount(router, service, readiness);
    router.route("/api/*").handler(new ApiKeyAuth(apiKeys));
    routes.accept(router);
    router.route().failureHandler(ApiErrors::onFailure);
    router.route().last().handler(ctx -> ApiErrors.notFound(ctx,
      "no such endpoint: " + ctx.request().method() + " " + ctx.request().path()));
    return router;
  }

  /**
   * The request body as a JSON object.
   *
   * @param shape what the body should look like, for the error message (e.g. {@code {host, port}})
   * @throws IllegalArgumentException when the body is missing, not JSON or not an object
   */
  public static JsonObject jsonBody(RoutingContext ctx, String shape) {
    try {
      JsonObject body = ctx.body().asJsonObject();
      if (body != null) {
        return body;
      }
    } catch (RuntimeException e) {
      // not JSON, or JSON that is not an object: answered below
    }
    throw new IllegalArgumentException("the body must be a JSON object " + shape);
  }
}
