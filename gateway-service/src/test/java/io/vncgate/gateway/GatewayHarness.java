package io.vncgate.gateway;

import io.vertx.core.Vertx;
import io.vncgate.gateway.node.GatewayNode;
import io.vncgate.shared.metrics.Metrics;
import io.vncgate.shared.config.Settings;

import java.util.HashMap;
import java.util.Map;

/** Deploys a gateway verticle on port 0 with test settings. */
final class GatewayHarness {

  private GatewayHarness() {
  }

  static GatewayConfig config(Map<String, String> overrides) {
    Map<String, String> settings = new HashMap<>(Map.of(
      "HTTP_HOST", "127.0.0.1",
      "HTTP_PORT", "0",
      "ALLOWED_ORIGINS", "http://allowed.example",
      "BUS_TIMEOUT_MS", "500",
      "CONNECT_TIMEOUT_MS", "1000",
      "REFUSAL_WAIT_MS", "1000",
      "NODE_NAME", "test-gateway"));
    settings.putAll(overrides);
    return GatewayConfig.from(Settings.of(settings));
  }

  /** Deploys a gateway and returns its port. */
  static int deploy(Vertx vertx, GatewayConfig config) {
    return deploy(vertx, config, new GatewayNode(config, Metrics.newRegistry("gateway")));
  }

  /** Deploys a gateway sharing the given node (its meters, limits and drain) and returns its port. */
  static int deploy(Vertx vertx, GatewayConfig config, GatewayNode node) {
    GatewayVerticle verticle = new GatewayVerticle(config, node);
    vertx.deployVerticle(verticle).await();
    return verticle.actualPort();
  }
}
