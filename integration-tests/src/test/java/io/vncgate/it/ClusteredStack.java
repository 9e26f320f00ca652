package io.vncgate.it;

import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vncgate.gateway.GatewayConfig;
import io.vncgate.gateway.GatewayVerticle;
import io.vncgate.registry.RegistryConfig;
import io.vncgate.registry.RegistryVerticle;
import io.vncgate.shared.config.Settings;
import io.vncgate.testkit.RedisTestServer;
import io.vncgate.testkit.TestCluster;
import io.vncgate.token.TokenConfig;
import io.vncgate.token.TokenVerticle;

import java.util.Map;
import java.util.UUID;

/**
 * The whole product on loopback, each service on a Vert.x node of its own, joined through
 * Hazelcast TCP/IP: one token node, one registry node (with a real Redis), two gateway nodes.
 */
final class ClusteredStack implements AutoCloseable {

  static final String API_KEY = "it-api-key";
  static final String SECRET = "integration-test-secret-0123456789abcdef";

  final RedisTestServer redis = RedisTestServer.start();
  final TestCluster cluster = new TestCluster();
  final Vertx tokenNode;
  final Vertx registryNode;
  final Vertx gatewayNodeA;
  final Vertx gatewayNodeB;
  final int tokenPort;
  final int registryPort;
  final int gatewayPortA;
  final int gatewayPortB;

  ClusteredStack() {
    tokenNode = cluster.startNode();
    registryNode = cluster.startNode();
    gatewayNodeA = cluster.startNode();
    gatewayNodeB = cluster.startNode();

    TokenVerticle token = new TokenVerticle(TokenConfig.from(Settings.of(Map.of(
      "HTTP_HOST", "127.0.0.1", "HTTP_PORT", "0", "API_KEYS", API_KEY, "JWT_SECRET", SECRET,
      "PUBLIC_URL", "http://127.0.0.1:8080"))));
    tokenNode.deployVerticle(token).await();
    tokenPort = token.actualPort();

    RegistryVerticle registry = new RegistryVerticle(RegistryConfig.from(Settings.of(Map.of(
      "HTTP_HOST", "127.0.0.1", "HTTP_PORT", "0", "API_KEYS", API_KEY, "REDIS_URL", redis.url(),
      "REDIS_PREFIX", "it-" + UUID.randomUUID() + ":"))));
    registryNode.deployVerticle(registry).await();
    registryPort = registry.actualPort();

    gatewayPortA = deployGateway(gatewayNodeA, "gateway-a");
    gatewayPortB = deployGateway(gatewayNodeB, "gateway-b");
  }

  private static int deployGateway(Vertx node, String name) {
    GatewayVerticle gateway = new GatewayVerticle(GatewayConfig.from(Settings.of(Map.of(
      "HTTP_HOST", "127.0.0.1", "HTTP_PORT", "0", "NODE_NAME", name, "ALLOWED_ORIGINS", "*"))));
    node.deployVerticle(gateway).await();
    return gateway.actualPort();
  }

  /** A client of this stack's REST APIs, living on the given node. */
  static WebClient rest(Vertx node, int port) {
    return WebClient.create(node, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
  }

  @Override
  public void close() {
    cluster.close();
    redis.close();
  }
}
