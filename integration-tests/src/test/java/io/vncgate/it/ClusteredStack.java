package io.vncgate.it;

import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vncgate.gateway.GatewayConfig;
import io.vncgate.gateway.GatewayVerticle;
import io.vncgate.gateway.node.GatewayNode;
import io.vncgate.shared.metrics.Metrics;
import io.vncgate.registry.RegistryConfig;
import io.vncgate.registry.RegistryVerticle;
import io.vncgate.shared.config.Settings;
import io.vncgate.shared.http.ApiKeys;
import io.vncgate.testkit.RedisTestServer;
import io.vncgate.testkit.TestCluster;
import io.vncgate.token.TokenConfig;
import io.vncgate.token.TokenVerticle;
import io.vncgate.token.keys.KeyGen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

/**
 * The whole product on loopback, each service on a Vert.x node of its own, joined through
 * Hazelcast TCP/IP: two token nodes sharing one key folder, one registry node, two gateway
 * nodes, and a real Redis shared by token and registry.
 */
final class ClusteredStack implements AutoCloseable {

  static final String API_KEY = "it-api-key";

  final RedisTestServer redis = RedisTestServer.start();
  final TestCluster cluster = new TestCluster();
  final Vertx tokenNode;
  final Vertx tokenNodeB;
  final Vertx registryNode;
  final Vertx gatewayNodeA;
  final Vertx gatewayNodeB;
  final int tokenPort;
  final int tokenPortB;
  final int registryPort;
  final int gatewayPortA;
  final int gatewayPortB;

  ClusteredStack() {
    tokenNode = cluster.startNode();
    tokenNodeB = cluster.startNode();
    registryNode = cluster.startNode();
    gatewayNodeA = cluster.startNode();
    gatewayNodeB = cluster.startNode();

    Path keys = keys();
    String tokenPrefix = "it-token-" + UUID.randomUUID() + ":";
    tokenPort = deployToken(tokenNode, keys, tokenPrefix);
    tokenPortB = deployToken(tokenNodeB, keys, tokenPrefix);

    RegistryVerticle registry = new RegistryVerticle(RegistryConfig.from(Settings.of(Map.of(
      "HTTP_HOST", "127.0.0.1", "HTTP_PORT", "0", "API_KEYS", apiKeys(), "REDIS_URL", redis.url(),
      "REDIS_PREFIX", "it-" + UUID.randomUUID() + ":"))));
    registryNode.deployVerticle(registry).await();
    registryPort = registry.actualPort();

    gatewayPortA = deployGateway(gatewayNodeA, "gateway-a");
    gatewayPortB = deployGateway(gatewayNodeB, "gateway-b");
  }

  private int deployToken(Vertx node, Path keys, String prefix) {
    TokenVerticle token = new TokenVerticle(TokenConfig.from(Settings.of(Map.of(
      "HTTP_HOST", "127.0.0.1", "HTTP_PORT", "0", "API_KEYS", apiKeys(), "JWT_KEYS_DIR", keys.toString(),
      "REDIS_URL", redis.url(), "REDIS_PREFIX", prefix, "PUBLIC_URL", "http://127.0.0.1:8080",
      "SINGLE_USE_RECONNECTS", "0"))));
    node.deployVerticle(token).await();
    return token.actualPort();
  }

  private static Path keys() {
    try {
      Path dir = Files.createTempDirectory("it-keys");
      KeyGen.generate(dir, "it-es256", "ES256");
      return dir;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String apiKeys() {
    return "it=sha256:" + HexFormat.of().formatHex(ApiKeys.sha256(API_KEY));
  }

  private static int deployGateway(Vertx node, String name) {
    GatewayConfig config = GatewayConfig.from(Settings.of(Map.of(
      "HTTP_HOST", "127.0.0.1", "HTTP_PORT", "0", "NODE_NAME", name, "ALLOWED_ORIGINS", "*")));
    GatewayVerticle gateway = new GatewayVerticle(config, new GatewayNode(config, Metrics.newRegistry("gateway")));
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
