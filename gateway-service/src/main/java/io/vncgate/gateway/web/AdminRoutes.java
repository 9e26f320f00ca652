package io.vncgate.gateway.web;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vncgate.gateway.GatewayConfig;
import io.vncgate.gateway.node.GatewayNode;
import io.vncgate.shared.http.ApiKeyAuth;

/**
 * {@code POST /admin/drain} (with an API key from {@code VNCGATE_API_KEYS}): drains this node as
 * SIGTERM does. Without configured keys there is no admin API at all.
 */
public final class AdminRoutes {

  private final GatewayConfig config;
  private final GatewayNode node;

  public AdminRoutes(GatewayConfig config, GatewayNode node) {
    this.config = config;
    this.node = node;
  }

  public void mount(Router router) {
    if (config.adminKeys() == null) {
      return;
    }
    router.route("/admin/*").handler(new ApiKeyAuth(config.adminKeys()));
    router.post("/admin/drain").handler(ctx -> {
      node.drain(config.drainTimeout());
      ctx.response().setStatusCode(202).putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("draining", true).put("sessions", node.sessions())
          .put("deadlineSeconds", config.drainTimeout().toSeconds()).encode());
    });
  }
}
