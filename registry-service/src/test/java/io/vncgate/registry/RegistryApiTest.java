package io.vncgate.registry;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vncgate.shared.config.Settings;
import io.vncgate.testkit.RedisTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Host CRUD and validation over real HTTP against a real Redis. */
@ExtendWith(VertxExtension.class)
class RegistryApiTest {

  static final String KEY = "registry-test-key";

  private static RedisTestServer redisServer;
  private static WebClient http;
  private static Redis redis;
  private static String prefix;

  @BeforeAll
  static void start(Vertx vertx) {
    redisServer = RedisTestServer.start();
    prefix = "t" + UUID.randomUUID().toString().substring(0, 8) + ":";
    RegistryConfig config = RegistryConfig.from(Settings.of(Map.of(
      "HTTP_HOST", "127.0.0.1", "HTTP_PORT", "0", "API_KEYS", KEY, "REDIS_URL", redisServer.url(), "REDIS_PREFIX", prefix)));
    RegistryVerticle verticle = new RegistryVerticle(config);
    vertx.deployVerticle(verticle).await();
    http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(verticle.actualPort()));
    redis = Redis.createClient(vertx, redisServer.url());
  }

  @AfterAll
  static void stop() {
    redisServer.close();
  }

  @BeforeEach
  void clean() {
    for (var key : redis.send(Request.cmd(Command.KEYS).arg(prefix + "*")).await()) {
      redis.send(Request.cmd(Command.DEL).arg(key.toString())).await();
    }
  }

  static HttpRequest<Buffer> auth(HttpRequest<Buffer> request) {
    return request.putHeader("Authorization", "Bearer " + KEY);
  }

  static HttpResponse<Buffer> put(String id, String body) {
    return auth(http.put("/api/v1/hosts/" + id)).putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(body)).await();
  }

  private static boolean isMember(String set, String id) {
    return redis.send(Request.cmd(Command.SISMEMBER).arg(prefix + set).arg(id)).await().toInteger() == 1;
  }

  @Test
  void registerReadListUpdateDelete() {
    HttpResponse<Buffer> created = put("desk-1", "{\"host\":\"10.0.0.5\",\"port\":5901,\"pool\":\"lab\",\"labels\":{\"room\":\"a\"}}");
    assertEquals(201, created.statusCode());
    assertEquals("10.0.0.5", created.bodyAsJsonObject().getString("host"));

    JsonObject read = auth(http.get("/api/v1/hosts/desk-1")).send().await().bodyAsJsonObject();
    assertEquals(new JsonObject().put("id", "desk-1").put("host", "10.0.0.5").put("port", 5901).put("pool", "lab")
      .put("labels", new JsonObject().put("room", "a")), read);
    assertTrue(isMember("pool:lab", "desk-1"));

    assertEquals(201, put("desk-0", "{\"host\":\"vnc.example.com\",\"port\":5900}").statusCode());
    JsonArray hosts = auth(http.get("/api/v1/hosts")).send().await().bodyAsJsonObject().getJsonArray("hosts");
    assertEquals(2, hosts.size());
    assertEquals("desk-0", hosts.getJsonObject(0).getString("id"), "listed by id");

    HttpResponse<Buffer> updated = put("desk-1", "{\"host\":\"10.0.0.6\",\"port\":5902,\"pool\":\"other\"}");
    assertEquals(200, updated.statusCode());
    assertEquals(5902, auth(http.get("/api/v1/hosts/desk-1")).send().await().bodyAsJsonObject().getInteger("port"));
    assertTrue(!isMember("pool:lab", "desk-1"), "moving pools leaves the old pool");
    assertTrue(isMember("pool:other", "desk-1"));

    assertEquals(204, auth(http.delete("/api/v1/hosts/desk-1")).send().await().statusCode());
    assertEquals(404, auth(http.get("/api/v1/hosts/desk-1")).send().await().statusCode());
    assertEquals(404, auth(http.delete("/api/v1/hosts/desk-1")).send().await().statusCode());
    assertTrue(!isMember("hosts", "desk-1") && !isMember("pool:other", "desk-1"), "indexes cleaned with the host");
  }

  @Test
  void ipv6AndBracketedAddressesAreAccepted() {
    assertEquals("::1", put("v6", "{\"host\":\"[::1]\",\"port\":5901}").bodyAsJsonObject().getString("host"));
    assertEquals("fe80::1", put("v6b", "{\"host\":\"fe80::1\",\"port\":5901}").bodyAsJsonObject().getString("host"));
  }

  @Test
  void badInputGets400AndWritesNothing() {
    String[][] cases = {
      {"desk-1", "{\"port\":5901}", "host"},
      {"desk-1", "{\"host\":\"a b\",\"port\":5901}", "host"},
      {"desk-1", "{\"host\":\"h\",\"port\":0}", "port"},
      {"desk-1", "{\"host\":\"h\",\"port\":65536}", "port"},
      {"desk-1", "{\"host\":\"h\",\"port\":\"5901\"}", "port"},
      {"desk-1", "{\"host\":\"h\",\"port\":5901,\"pool\":\"bad pool\"}", "pool"},
      {"desk-1", "{\"host\":\"h\",\"port\":5901,\"labels\":{\"k\":1}}", "label"},
      {"desk-1", "{\"host\":\"h\",\"port\":5901,\"passwd\":\"x\"}", "unknown field"},
      {"desk-1", "[]", "JSON object"},
      {"desk-1", "{not json", "JSON object"},
      {"bad%20id", "{\"host\":\"h\",\"port\":5901}", "host id"},
      {"x".repeat(129), "{\"host\":\"h\",\"port\":5901}", "host id"},
    };
    for (String[] c : cases) {
      HttpResponse<Buffer> response = put(c[0], c[1]);
      assertEquals(400, response.statusCode(), c[1]);
      JsonObject error = response.bodyAsJsonObject();
      assertEquals("invalid_request", error.getString("error"));
      assertTrue(error.getString("message").contains(c[2]), c[1] + " → " + error.getString("message"));
    }
    assertEquals(0, auth(http.get("/api/v1/hosts")).send().await().bodyAsJsonObject().getJsonArray("hosts").size());
  }

  @Test
  void everyEndpointNeedsTheApiKey() {
    assertEquals(401, http.get("/api/v1/hosts").send().await().statusCode());
    assertEquals(401, http.put("/api/v1/hosts/x").putHeader("Authorization", "Bearer nope")
      .sendJsonObject(new JsonObject().put("host", "h").put("port", 1)).await().statusCode());
    assertEquals(401, http.delete("/api/v1/hosts/x").send().await().statusCode());
    assertEquals(200, http.get("/health/ready").send().await().statusCode(), "health needs no key");
  }
}
