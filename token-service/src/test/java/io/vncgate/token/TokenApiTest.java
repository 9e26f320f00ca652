package io.vncgate.token;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.vncgate.shared.bus.Grant;
import io.vncgate.shared.bus.TokenClient;
import io.vncgate.shared.bus.VerifyRequest;
import io.vncgate.testkit.RedisTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The operator REST API of the token service over real HTTP, with real Redis. */
@ExtendWith(VertxExtension.class)
class TokenApiTest {

  private static RedisTestServer redis;
  private static TokenConfig config;
  private static WebClient http;
  private static TokenClient verifier;

  @BeforeAll
  static void deploy(Vertx vertx) {
    redis = RedisTestServer.start();
    config = TestTokens.config(redis.url(), TestTokens.keysDir(), Map.of("ISSUE_RATE_PER_MINUTE", "1000"));
    TokenVerticle verticle = new TokenVerticle(config);
    vertx.deployVerticle(verticle).await();
    http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(verticle.actualPort()));
    verifier = new TokenClient(vertx.eventBus(), Duration.ofSeconds(5));
  }

  @AfterAll
  static void stop() {
    redis.close();
  }

  static HttpRequest<Buffer> authorized(HttpRequest<Buffer> request, String key) {
    return key == null ? request : request.putHeader("Authorization", "Bearer " + key);
  }

  private static JsonObject issue(JsonObject body) {
    HttpResponse<Buffer> response = authorized(http.post("/api/v1/tokens"), TestTokens.API_KEY).sendJsonObject(body).await();
    assertEquals(201, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject();
  }

  private static Grant verify(String token, String ip) {
    return verifier.verify(new VerifyRequest(token, ip, "test")).await();
  }

  @Test
  void issuedTokenVerifiesAndCarriesTheRequest() {
    long before = Instant.now().getEpochSecond();
    JsonObject body = issue(new JsonObject().put("hostId", "desk-7").put("sub", "alice").put("ttlSeconds", 120));
    String token = body.getString("token");
    JsonObject header = new JsonObject(new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8));
    assertEquals("ES256", header.getString("alg"));
    assertEquals("es1", header.getString("kid"));

    Grant grant = verify(token, "127.0.0.1");
    assertEquals("desk-7", grant.hostId());
    assertEquals("alice", grant.sub());
    assertEquals(body.getString("jti"), grant.jti());
    assertTrue(grant.exp() >= before + 120 && grant.exp() <= Instant.now().getEpochSecond() + 120, "exp follows ttlSeconds");
    assertEquals(Instant.ofEpochSecond(grant.exp()).toString(), body.getString("expiresAt"));

    String url = body.getString("url");
    assertTrue(url.startsWith("https://desktops.example.com/vnc.html#"), url);
    assertEquals("websockify?token=" + token, URLDecoder.decode(url.substring(url.indexOf("path=") + 5), StandardCharsets.UTF_8));
  }

  @Test
  void poolAndViewOnlyTokens() {
    Grant grant = verify(issue(new JsonObject().put("pool", "lab").put("sub", "bob").put("viewOnly", true)).getString("token"), "10.0.0.1");
    assertEquals("lab", grant.pool());
    assertTrue(grant.viewOnly());
    assertEquals(0, grant.idleTimeout(), "no session limits unless asked for");
    assertEquals(0, grant.maxDuration());
  }

  @Test
  void sessionLimitsTravelInTheToken() {
    int idle = 60 + new java.util.Random().nextInt(600);
    int max = idle + 3600;
    Grant grant = verify(issue(new JsonObject().put("hostId", "desk").put("sub", "carol")
      .put("idleTimeoutSeconds", idle).put("maxSessionSeconds", max)).getString("token"), "10.0.0.1");
    assertEquals(idle, grant.idleTimeout());
    assertEquals(max, grant.maxDuration());
  }

  @Test
  void auditLineNamesTheApiKeyButNeverTheToken() {
    Logger audit = (Logger) LoggerFactory.getLogger("vncgate.audit");
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    audit.addAppender(lines);
    try {
      JsonObject body = issue(new JsonObject().put("hostId", "desk-9").put("sub", "carol"));
      JsonObject line = lines.list.stream().map(e -> new JsonObject(e.getFormattedMessage()))
        .filter(j -> body.getString("jti").equals(j.getString("jti"))).findFirst().orElseThrow();
      assertEquals("token.issued", line.getString("event"));
      assertEquals("portal", line.getString("apiKey"));
      assertEquals("carol", line.getString("sub"));
      assertEquals("es1", line.getString("kid"));
      assertFalse(line.encode().contains(body.getString("token").split("\\.")[2]), "no token in the audit line");
      assertFalse(line.encode().contains(TestTokens.API_KEY), "no key in the audit line");
    } finally {
      audit.detachAppender(lines);
    }
  }

  @Test
  void missingOrWrongKeyGets401() {
    JsonObject body = new JsonObject().put("hostId", "desk-1").put("sub", "alice");
    for (String key : new String[] {null, "wrong-key", "", TestTokens.hashed("portal", TestTokens.API_KEY)}) {
      HttpResponse<Buffer> response = authorized(http.post("/api/v1/tokens"), key).sendJsonObject(body).await();
      assertEquals(401, response.statusCode(), "key " + key);
      assertEquals("unauthorized", response.bodyAsJsonObject().getString("error"));
    }
    assertEquals(401, http.delete("/api/v1/tokens/some-jti").send().await().statusCode());
  }

  @Test
  void badBodiesGet400WithAReason() {
    String[] bodies = {
      "not json", "[1,2]", "{}", "{\"hostId\":\"desk 1\",\"sub\":\"a\"}", "{\"hostId\":\"d\",\"sub\":\"\"}",
      "{\"hostId\":\"d\",\"sub\":\"a\",\"ttlSeconds\":0}", "{\"hostId\":\"d\",\"sub\":\"a\",\"ttlSeconds\":\"60\"}",
      "{\"hostId\":42,\"sub\":\"a\"}", "{\"hostId\":\"d\",\"pool\":\"p\",\"sub\":\"a\"}",
      "{\"hostId\":\"d\",\"sub\":\"a\",\"viewOnly\":\"yes\"}", "{\"hostId\":\"d\",\"sub\":\"a\",\"host\":\"10.0.0.1\"}",
      "{\"hostId\":\"d\",\"sub\":\"a\",\"idleTimeoutSeconds\":-5}", "{\"hostId\":\"d\",\"sub\":\"a\",\"maxSessionSeconds\":\"1h\"}"};
    for (String body : bodies) {
      HttpResponse<Buffer> response = authorized(http.post("/api/v1/tokens"), TestTokens.API_KEY)
        .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(body)).await();
      assertEquals(400, response.statusCode(), body);
      JsonObject error = response.bodyAsJsonObject();
      assertEquals("invalid_request", error.getString("error"), body);
      assertFalse(error.getString("message").isBlank(), body);
    }
  }

  @Test
  void ttlAboveTheMaximumIsRefused() {
    HttpResponse<Buffer> response = authorized(http.post("/api/v1/tokens"), TestTokens.API_KEY)
      .sendJsonObject(new JsonObject().put("hostId", "d").put("sub", "a").put("ttlSeconds", config.maxTtlSeconds() + 1)).await();
    assertEquals(400, response.statusCode());
    assertTrue(response.bodyAsJsonObject().getString("message").contains(String.valueOf(config.maxTtlSeconds())));
  }

  @Test
  void revokingATokenRefusesItEverywhere() {
    JsonObject issued = issue(new JsonObject().put("hostId", "desk-1").put("sub", "dave"));
    assertEquals("dave", verify(issued.getString("token"), "127.0.0.1").sub());
    assertEquals(204, authorized(http.delete("/api/v1/tokens/" + issued.getString("jti")), TestTokens.API_KEY).send().await().statusCode());
    ReplyException e = assertThrows(ReplyException.class, () -> verify(issued.getString("token"), "127.0.0.1"));
    assertEquals(403, e.failureCode());
    assertEquals("token revoked or already used", e.getMessage());
    HttpResponse<Buffer> unknown = authorized(http.delete("/api/v1/tokens/no-such-jti"), TestTokens.API_KEY).send().await();
    assertEquals(404, unknown.statusCode());
    assertEquals("not_found", unknown.bodyAsJsonObject().getString("error"));
  }

  @Test
  void revokingASubjectRefusesItsLiveTokensButNotLaterOnes() {
    String first = issue(new JsonObject().put("hostId", "desk-1").put("sub", "erin")).getString("token");
    String second = issue(new JsonObject().put("hostId", "desk-2").put("sub", "erin")).getString("token");
    String other = issue(new JsonObject().put("hostId", "desk-1").put("sub", "frank")).getString("token");
    assertEquals(204, authorized(http.delete("/api/v1/tokens?sub=erin"), TestTokens.API_KEY).send().await().statusCode());
    for (String token : List.of(first, second)) {
      assertEquals(403, assertThrows(ReplyException.class, () -> verify(token, "127.0.0.1")).failureCode());
    }
    assertEquals("frank", verify(other, "127.0.0.1").sub());
    String fresh = issue(new JsonObject().put("hostId", "desk-1").put("sub", "erin")).getString("token");
    assertEquals("erin", verify(fresh, "127.0.0.1").sub(), "a token issued after the revocation works");
    assertEquals(400, authorized(http.delete("/api/v1/tokens"), TestTokens.API_KEY).send().await().statusCode());
  }

  @Test
  void jwksPublishesOnlyPublicHalvesWithoutAuthentication() {
    HttpResponse<Buffer> response = http.get("/.well-known/jwks.json").send().await();
    assertEquals(200, response.statusCode());
    List<JsonObject> keys = response.bodyAsJsonObject().getJsonArray("keys").stream().map(JsonObject.class::cast).toList();
    assertEquals(List.of("es1", "rs1"), keys.stream().map(k -> k.getString("kid")).sorted().toList(), "no HMAC secret");
    assertTrue(keys.stream().noneMatch(k -> k.containsKey("d") || k.containsKey("k")), "no private parts");
    assertEquals(List.of("ES256", "RS256"), keys.stream().map(k -> k.getString("alg")).sorted().toList());
  }

  @Test
  void healthAndUnknownPaths() {
    assertEquals(200, http.get("/health/live").send().await().statusCode());
    assertEquals(200, http.get("/health/ready").send().await().statusCode());
    HttpResponse<Buffer> unknown = authorized(http.get("/api/v1/nothing"), TestTokens.API_KEY).send().await();
    assertEquals(404, unknown.statusCode());
    assertEquals("not_found", unknown.bodyAsJsonObject().getString("error"));
  }
}
