package io.vncgate.registry;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vncgate.testkit.RedisTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;

import static io.vncgate.registry.RegistryHarness.auth;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A websockify token file becomes hosts; bad lines are reported with their reason. */
@ExtendWith(VertxExtension.class)
class ImportTest {

  private static RedisTestServer redis;
  private static RegistryHarness registry;

  @BeforeAll
  static void start(Vertx vertx) {
    redis = RedisTestServer.start();
    registry = new RegistryHarness(vertx, redis.url(), Map.of());
  }

  @AfterAll
  static void stop() {
    redis.close();
  }

  private static HttpResponse<Buffer> importFile(String text, String pool) {
    return auth(registry.http.post("/api/v1/import/websockify" + (pool == null ? "" : "?pool=" + pool)))
      .putHeader("Content-Type", "text/plain").sendBuffer(Buffer.buffer(text)).await();
  }

  @Test
  void goodLinesBecomeHostsAndBadLinesSayWhy() {
    String file = String.join("\n",
      "# websockify token file",
      "alice: 10.9.0.1:5901",
      "",
      "bob:\tvnc-bob.example.com:5902",
      "v6: [2001:db8::7]:5903",
      "  carol :  10.9.0.3:5904  ",
      "broken line without target",
      "nocolon 10.9.0.4:5905",
      "badport: 10.9.0.5:99999",
      "bare6: 2001:db8::8:5906",
      "bad token!: 10.9.0.6:5907",
      "alice: 10.9.0.9:5909");
    HttpResponse<Buffer> response = importFile(file, "legacy");
    assertEquals(200, response.statusCode(), response.bodyAsString());
    JsonObject body = response.bodyAsJsonObject();
    assertEquals(4, body.getInteger("imported"));
    JsonArray rejected = body.getJsonArray("rejected");
    assertEquals(List.of(7, 8, 9, 10, 11, 12), rejected.stream().map(r -> ((JsonObject) r).getInteger("line")).toList());
    assertEquals("expected 'token: host:port'", rejected.getJsonObject(0).getString("reason"));
    assertEquals(true, rejected.getJsonObject(3).getString("reason").contains("brackets"));
    assertEquals(true, rejected.getJsonObject(5).getString("reason").contains("twice"));

    assertEquals("10.9.0.1", registry.host("alice").getString("host"));
    assertEquals("vnc-bob.example.com", registry.host("bob").getString("host"));
    assertEquals("2001:db8::7", registry.host("v6").getString("host"));
    assertEquals(5904, registry.host("carol").getInteger("port"));
    assertEquals("legacy", registry.host("carol").getString("pool"));
    assertEquals("websockify", registry.host("carol").getJsonObject("labels").getString("source"));
    assertNull(registry.host("badport"));
  }

  @Test
  void emptyOrNonsenseBodiesAre400() {
    assertEquals(400, importFile("", null).statusCode());
    assertEquals(400, importFile("# only a comment\n", null).statusCode());
    assertEquals(400, importFile("a: 1.2.3.4:5", "bad%20pool").statusCode());
  }
}
