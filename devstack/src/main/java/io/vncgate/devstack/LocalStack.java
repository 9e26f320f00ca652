package io.vncgate.devstack;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vncgate.devstack.desktop.DemoDesktop;
import io.vncgate.shared.http.ApiKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A complete vncgate on this machine, for trying it out: Redis (the embedded-redis binary unless
 * {@code VNCGATE_REDIS_URL} names one), the token and registry services and two gateways, each a
 * separate process in one cluster, plus a demo desktop registered as {@code demo}. Prints a link
 * that opens the desktop, and how to add your own. Ctrl-C stops everything.
 *
 * <p>Ports: gateways 8080 and 8083, token 8081, registry 8082, Redis 6379 (set
 * {@code LOCAL_BASE_PORT} to shift them all). The API key is random unless {@code LOCAL_API_KEY}
 * sets it; the ES256 signing key is made once in {@code .local-stack/keys/}. Logs go to
 * {@code .local-stack/logs/}.
 */
public final class LocalStack {

  static {
    // Before the first logger exists: the local stack prints plain lines for a person.
    System.setProperty("logback.configurationFile", "logback-devstack.xml");
  }

  private static final Logger OUT = LoggerFactory.getLogger("vncgate.local");

  private final Path repo;
  private final int basePort;
  private final List<ServiceProcess> services = new ArrayList<>();
  private RedisServer redis;
  private Vertx vertx;

  private LocalStack(Path repo, int basePort) {
    this.repo = repo;
    this.basePort = basePort;
  }

  public static void main(String[] args) throws Exception {
    Path repo = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
    int basePort = Integer.parseInt(System.getenv().getOrDefault("LOCAL_BASE_PORT", "8080"));
    LocalStack stack = new LocalStack(repo, basePort);
    Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "local-stack-stop"));
    try {
      stack.start();
    } catch (Exception e) {
      OUT.error("The local stack did not start: {}", e.getMessage());
      System.exit(1);
    }
    Thread.currentThread().join();
  }

  private void start() throws IOException {
    Path logs = Files.createDirectories(repo.resolve(".local-stack/logs"));
    String apiKey = System.getenv().getOrDefault("LOCAL_API_KEY", "local-" + random(12));
    int gateway1 = basePort;
    int token = basePort + 1;
    int registry = basePort + 2;
    int gateway2 = basePort + 3;
    for (int port : new int[] {gateway1, token, registry, gateway2}) {
      requireFree(port);
    }
    String redisUrl = System.getenv("VNCGATE_REDIS_URL");
    if (redisUrl == null || redisUrl.isBlank()) {
      int redisPort = basePort == 8080 ? 6379 : basePort + 4;
      requireFree(redisPort);
      redis = RedisServer.newRedisServer().port(redisPort).bind("127.0.0.1").setting("save \"\"").build();
      redis.start();
      redisUrl = "redis://127.0.0.1:" + redisPort;
      OUT.info("Redis (embedded-redis) on {}", redisUrl);
    }
    Path keys = signingKey();
    Map<String, String> common = new HashMap<>();
    common.put("VNCGATE_CLUSTER_NAME", "local-" + random(4));
    common.put("VNCGATE_CLUSTER_MEMBERS", "127.0.0.1");
    common.put("VNCGATE_CLUSTER_HOST", "127.0.0.1");
    common.put("VNCGATE_HTTP_HOST", "127.0.0.1");
    common.put("VNCGATE_REDIS_URL", redisUrl);
    // Services keep only the key's digest; you keep the key.
    common.put("VNCGATE_API_KEYS", "local=sha256:" + HexFormat.of().formatHex(ApiKeys.sha256(apiKey)));
    common.put("VNCGATE_JWT_KEYS_DIR", keys.toString());
    // Seals the VNC passwords you register; Redis here lives only as long as this run, so does the key.
    common.put("VNCGATE_CREDENTIAL_KEY", Base64.getEncoder().encodeToString(HexFormat.of().parseHex(random(32))));
    common.put("VNCGATE_PUBLIC_URL", "http://127.0.0.1:" + gateway1);
    common.put("VNCGATE_ALLOWED_ORIGINS", "http://127.0.0.1:" + gateway1 + ",http://localhost:" + gateway1
      + ",http://127.0.0.1:" + gateway2 + ",http://localhost:" + gateway2);

    OUT.info("Starting token, registry and two gateways (logs in {})", logs);
    // The first node forms the cluster; the others join it.
    services.add(ServiceProcess.start("token", jar("token-service"), token, common, logs));
    vertx = Vertx.vertx();
    WebClient http = WebClient.create(vertx);
    Readiness.await(vertx, http, services.get(0));
    services.add(ServiceProcess.start("registry", jar("registry-service"), registry, common, logs));
    services.add(ServiceProcess.start("gateway-1", jar("gateway-service"), gateway1, common, logs));
    services.add(ServiceProcess.start("gateway-2", jar("gateway-service"), gateway2, common, logs));
    for (ServiceProcess service : services.subList(1, services.size())) {
      Readiness.await(vertx, http, service);
    }

    DemoDesktop desktop = new DemoDesktop("127.0.0.1", 0);
    vertx.deployVerticle(desktop).await();
    register(http, registry, apiKey, desktop.actualPort());
    String url = issue(http, token, apiKey);
    String url2 = url.replace("http://127.0.0.1:" + gateway1 + "/", "http://127.0.0.1:" + gateway2 + "/");
    OUT.info("""

      vncgate is running: token :{}, registry :{}, gateways :{} and :{} (one cluster).

      Open the demo desktop (drag to paint, type to change colour):
        {}
      the same desktop through the second gateway:
        {}

      Register your own VNC server and get a link to it:
        curl -X PUT -H 'Authorization: Bearer {}' -H 'Content-Type: application/json' \\
             -d '{"host":"127.0.0.1","port":5901}' http://127.0.0.1:{}/api/v1/hosts/my-desktop
        curl -X POST -H 'Authorization: Bearer {}' -H 'Content-Type: application/json' \\
             -d '{"hostId":"my-desktop","sub":"me","ttlSeconds":600}' http://127.0.0.1:{}/api/v1/tokens

      Ctrl-C stops everything.
      """, token, registry, gateway1, gateway2, url, url2, apiKey, registry, apiKey, token);
  }

  /** An ES256 signing key, made once with the token service's own keygen and kept for later runs. */
  private Path signingKey() throws IOException {
    Path dir = repo.resolve(".local-stack/keys");
    if (Files.isDirectory(dir)) {
      try (var files = Files.list(dir)) {
        if (files.findAny().isPresent()) {
          return dir;
        }
      }
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    try {
      Process keygen = new ProcessBuilder(java, "-jar", jar("token-service").toString(), "keygen", dir.toString(), "local-es256", "ES256")
        .redirectErrorStream(true).redirectOutput(repo.resolve(".local-stack/logs/keygen.log").toFile()).start();
      if (keygen.waitFor() != 0) {
        throw new IOException("token-service keygen failed, see .local-stack/logs/keygen.log");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while making a signing key", e);
    }
    return dir;
  }

  private Path jar(String module) {
    return repo.resolve(module).resolve("target").resolve(module + ".jar");
  }

  private static void register(WebClient http, int registryPort, String apiKey, int desktopPort) {
    HttpResponse<Buffer> response = http.put(registryPort, "127.0.0.1", "/api/v1/hosts/demo")
      .putHeader("Authorization", "Bearer " + apiKey)
      .sendJsonObject(new JsonObject().put("host", "127.0.0.1").put("port", desktopPort)
        .put("labels", new JsonObject().put("kind", "demo")))
      .await();
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException("registering the demo desktop failed: " + response.bodyAsString());
    }
  }

  private static String issue(WebClient http, int tokenPort, String apiKey) {
    HttpResponse<Buffer> response = http.post(tokenPort, "127.0.0.1", "/api/v1/tokens")
      .putHeader("Authorization", "Bearer " + apiKey)
      .sendJsonObject(new JsonObject().put("hostId", "demo").put("sub", "local-demo").put("ttlSeconds", 3600))
      .await();
    if (response.statusCode() != 201) {
      throw new IllegalStateException("issuing a token failed: " + response.bodyAsString());
    }
    return response.bodyAsJsonObject().getString("url");
  }

  private void stop() {
    for (int i = services.size() - 1; i >= 0; i--) {
      services.get(i).stop();
    }
    if (vertx != null) {
      vertx.close().await();
    }
    if (redis != null) {
      try {
        redis.stop();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static void requireFree(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
    } catch (IOException e) {
      throw new IllegalStateException("port " + port + " is in use; stop what uses it or set LOCAL_BASE_PORT (e.g. 18080)");
    }
  }

  private static String random(int bytes) {
    byte[] data = new byte[bytes];
    new SecureRandom().nextBytes(data);
    return HexFormat.of().formatHex(data);
  }
}
