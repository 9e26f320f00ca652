package io.vncgate.token;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.vncgate.shared.bus.Grant;
import io.vncgate.shared.bus.TokenClient;
import io.vncgate.shared.bus.VerifyRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The operator REST API of the token service over real HTTP. */
@ExtendWith(VertxExtension.class)
class TokenApiTest {

  private static TokenConfig config;
  private static WebClient http;

  @BeforeAll
  static void deploy(Vertx vertx) {
    config = TestTokens.config(0);
    TokenVerticle verticle = new TokenVerticle(config);
    vertx.deployVerticle(verticle).await();
    http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(verticle.actualPort()));
  }

  private static HttpRequest<Buffer> post(String key) {
    HttpRequest<Buffer> request = http.post("/api/v1/tokens");
    return key == null ? request : request.putHeader("Authorization", "Bearer " + key);
  }

  @Test
  void issuedTokenVerifiesAndCarriesTheRequest(Vertx vertx) {
    long before = Instant.now().getEpochSecond();
    HttpResponse<Buffer> response = post(TestTokens.API_KEY)
      .sendJsonObject(new JsonObject().put("hostId", "desk-7").put("sub", "alice").put("ttlSeconds", 120)).await();
    assertEquals(201, response.statusCode());
    assertEquals("no-store", response.getHeader("Cache-Control"));
    JsonObject body = response.bodyAsJsonObject();
    String token = body.getString("token");

    Grant grant = new TokenClient(vertx.eventBus(), Duration.ofSeconds(5))
      .verify(new VerifyRequest(token, "127.0.0.1", "test")).await();
    assertEquals("desk-7", grant.hostId());
    assertEquals("alice", grant.sub());
    assertEquals(body.getString("jti"), grant.jti());
    assertTrue(grant.exp() >= before + 120 && grant.exp() <= Instant.now().getEpochSecond() + 120, "exp follows ttlSeconds");
    assertEquals(Instant.ofEpochSecond(grant.exp()).toString(), body.getString("expiresAt"));

    String url = body.getString("url");
    assertTrue(url.startsWith("https://desktops.example.com/vnc.html#"), url);
    String path = URLDecoder.decode(url.substring(url.indexOf("path=") + 5), StandardCharsets.UTF_8);
    assertEquals("websockify?token=" + token, path);
  }

  @Test
  void secondConfiguredKeyWorksToo() {
    assertEquals(201, post("second-key").sendJsonObject(new JsonObject().put("hostId", "d").put("sub", "s")).await().statusCode());
  }

  @Test
  void missingOrWrongKeyGets401() {
    JsonObject body = new JsonObject().put("hostId", "desk-1").put("sub", "alice");
    for (String key : new String[] {null, "wrong-key", ""}) {
      HttpResponse<Buffer> response = post(key).sendJsonObject(body).await();
      assertEquals(401, response.statusCode(), "key " + key);
      assertEquals("unauthorized", response.bodyAsJsonObject().getString("error"));
    }
  }

  @Test
  void badBodiesGet400WithAReason() {
    String[] bodies = {
      "not json", "[1,2]", "{}", "{\"hostId\":\"desk 1\",\"sub\":\"a\"}", "{\"hostId\":\"d\",\"sub\":\"\"}",
      "{\"hostId\":\"d\",\"sub\":\"a\",\"ttlSeconds\":0}", "{\"hostId\":\"d\",\"sub\":\"a\",\"ttlSeconds\":999999}",
      "{\"hostId\":\"d\",\"sub\":\"a\",\"ttlSeconds\":\"60\"}", "{\"hostId\":42,\"sub\":\"a\"}"};
    for (String body : bodies) {
      HttpResponse<Buffer> response = post(TestTokens.API_KEY).putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer(body)).await();
      assertEquals(400, response.statusCode(), body);
      JsonObject error = response.bodyAsJsonObject();
      assertEquals("invalid_request", error.getString("error"), body);
      assertTrue(!error.getString("message").isBlank(), body);
    }
  }

  @Test
  void ttlAboveTheMaximumIsRefused() {
    HttpResponse<Buffer> response = post(TestTokens.API_KEY)
      .sendJsonObject(new JsonObject().put("hostId", "d").put("sub", "a").put("ttlSeconds", config.maxTtlSeconds() + 1)).await();
    assertEquals(400, response.statusCode());
    assertTrue(response.bodyAsJsonObject().getString("message").contains(String.valueOf(config.maxTtlSeconds())));
  }

  @Test
  void healthAndUnknownPaths() {
    assertEquals(200, http.get("/health/live").send().await().statusCode());
    assertEquals(200, http.get("/health/ready").send().await().statusCode());
    HttpResponse<Buffer> unknown = http.get("/api/v1/nothing").bearerTokenAuthentication(TestTokens.API_KEY).send().await();
    assertEquals(404, unknown.statusCode());
    assertEquals("not_found", unknown.bodyAsJsonObject().getString("error"));
  }
}
