package io.vncgate.registry;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vncgate.testkit.RedisTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static io.vncgate.registry.RegistryHarness.auth;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Host CRUD and validation over real HTTP against a real Redis. */
@ExtendWith(VertxExtension.class)
class RegistryApiTest {

  private static RedisTestServer redisServer;
  private static RegistryHarness registry;
  private static Redis redis;

  @BeforeAll
  static void start(Vertx vertx) {
    redisServer = RedisTestServer.start();
    registry = new RegistryHarness(vertx, redisServer.url(), Map.of());
    redis = Redis.createClient(vertx, redisServer.url());
  }

  @AfterAll
  static void stop() {
    redisServer.close();
  }

  @BeforeEach
  void clean() {
    for (var key : redis.send(Request.cmd(Command.KEYS).arg(registry.prefix + "*")).await()) {
      redis.send(Request.cmd(Command.DEL).arg(key.toString())).await();
    }
  }

  private static boolean isMember(String set, String id) {
    return redis.send(Request.cmd(Command.SISMEMBER).arg(registry.prefix + set).arg(id)).await().toInteger() == 1;
  }

  @Test
  void registerReadListUpdateDelete() {
    HttpResponse<Buffer> created = registry.put("desk-1", "{\"host\":\"10.0.0.5\",\"port\":5901,\"pool\":\"lab\",\"labels\":{\"room\":\"a\"},"
      + "\"maxSessions\":2,\"weight\":3}");
    assertEquals(201, created.statusCode());
    assertEquals("10.0.0.5", created.bodyAsJsonObject().getString("host"));

    JsonObject read = registry.host("desk-1");
    assertEquals(new JsonObject().put("id", "desk-1").put("host", "10.0.0.5").put("port", 5901).put("pool", "lab")
      .put("labels", new JsonObject().put("room", "a")).put("maxSessions", 2).put("weight", 3).put("ttlSeconds", 0).put("tls", false)
      .put("hasPassword", false).put("health", new JsonObject().put("status", "unknown")).put("sessions", 0), read);
    assertTrue(isMember("pool:lab", "desk-1"));

    assertEquals(201, registry.put("desk-0", "{\"host\":\"vnc.example.com\",\"port\":5900}").statusCode());
    JsonArray hosts = registry.get("/api/v1/hosts").bodyAsJsonObject().getJsonArray("hosts");
    assertEquals(2, hosts.size());
    assertEquals("desk-0", hosts.getJsonObject(0).getString("id"), "listed by id");
    assertEquals(1, registry.get("/api/v1/hosts?pool=lab").bodyAsJsonObject().getJsonArray("hosts").size());

    HttpResponse<Buffer> updated = registry.put("desk-1", "{\"host\":\"10.0.0.6\",\"port\":5902,\"pool\":\"other\"}");
    assertEquals(200, updated.statusCode());
    assertEquals(5902, registry.host("desk-1").getInteger("port"));
    assertFalse(isMember("pool:lab", "desk-1"), "moving pools leaves the old pool");
    assertTrue(isMember("pool:other", "desk-1"));

    assertEquals(204, auth(registry.http.delete("/api/v1/hosts/desk-1")).send().await().statusCode());
    assertNull(registry.host("desk-1"));
    assertEquals(404, auth(registry.http.delete("/api/v1/hosts/desk-1")).send().await().statusCode());
    assertTrue(!isMember("hosts", "desk-1") && !isMember("pool:other", "desk-1"), "indexes cleaned with the host");
  }

  @Test
  void poolsSummarizeTheirHosts() {
    registry.put("a1", "{\"host\":\"10.0.1.1\",\"port\":5901,\"pool\":\"a\",\"maxSessions\":2}");
    registry.put("a2", "{\"host\":\"10.0.1.2\",\"port\":5901,\"pool\":\"a\",\"maxSessions\":3}");
    registry.put("b1", "{\"host\":\"10.0.1.3\",\"port\":5901,\"pool\":\"b\"}");
    JsonArray pools = registry.get("/api/v1/pools").bodyAsJsonObject().getJsonArray("pools");
    assertEquals(new JsonObject().put("name", "a").put("hosts", 2).put("healthy", 2).put("sessions", 0).put("capacity", 5),
      pools.getJsonObject(0));
    assertEquals("b", pools.getJsonObject(1).getString("name"));
    assertNull(pools.getJsonObject(1).getValue("capacity"), "a host without maxSessions makes the pool unlimited");
  }

  @Test
  void ipv6AndBracketedAddressesAreAccepted() {
    assertEquals("::1", registry.put("v6", "{\"host\":\"[::1]\",\"port\":5901}").bodyAsJsonObject().getString("host"));
    assertEquals("fe80::1", registry.put("v6b", "{\"host\":\"fe80::1\",\"port\":5901}").bodyAsJsonObject().getString("host"));
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
      {"desk-1", "{\"host\":\"h\",\"port\":5901,\"maxSessions\":-1}", "maxSessions"},
      {"desk-1", "{\"host\":\"h\",\"port\":5901,\"weight\":0}", "weight"},
      {"desk-1", "{\"host\":\"h\",\"port\":5901,\"ttlSeconds\":\"60\"}", "ttlSeconds"},
      {"desk-1", "{\"host\":\"h\",\"port\":5901,\"password\":\"\"}", "password"},
      {"desk-1", "{\"host\":\"h\",\"port\":5901,\"passwd\":\"x\"}", "unknown field"},
      {"desk-1", "[]", "JSON object"},
      {"desk-1", "{not json", "JSON object"},
      {"bad%20id", "{\"host\":\"h\",\"port\":5901}", "host id"},
      {"x".repeat(129), "{\"host\":\"h\",\"port\":5901}", "host id"},
    };
    for (String[] c : cases) {
      HttpResponse<Buffer> response = registry.put(c[0], c[1]);
      assertEquals(400, response.statusCode(), c[1]);
      JsonObject error = response.bodyAsJsonObject();
      assertEquals("invalid_request", error.getString("error"));
      assertTrue(error.getString("message").contains(c[2]), c[1] + " → " + error.getString("message"));
    }
    assertEquals(0, registry.get("/api/v1/hosts").bodyAsJsonObject().getJsonArray("hosts").size());
  }

  @Test
  void everyEndpointNeedsTheApiKey() {
    assertEquals(401, registry.http.get("/api/v1/hosts").send().await().statusCode());
    assertEquals(401, registry.http.put("/api/v1/hosts/x").putHeader("Authorization", "Bearer nope")
      .sendJsonObject(new JsonObject().put("host", "h").put("port", 1)).await().statusCode());
    assertEquals(401, registry.http.delete("/api/v1/hosts/x").send().await().statusCode());
    assertEquals(401, registry.http.get("/api/v1/sessions").send().await().statusCode());
    assertEquals(401, registry.http.post("/api/v1/import/websockify").send().await().statusCode());
    assertEquals(200, registry.http.get("/health/ready").send().await().statusCode(), "health needs no key");
  }
}
