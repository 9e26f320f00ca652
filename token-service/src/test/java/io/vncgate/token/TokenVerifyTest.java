package io.vncgate.token;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vncgate.shared.bus.Addresses;
import io.vncgate.shared.bus.Grant;
import io.vncgate.shared.bus.TokenClient;
import io.vncgate.shared.bus.VerifyRequest;
import io.vncgate.testkit.RedisTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Every way a token can be wrong, checked through the real verify consumer with real Redis. */
@ExtendWith(VertxExtension.class)
class TokenVerifyTest {

  private static RedisTestServer redis;
  private static Path keys;
  private static TokenConfig config;
  private static TokenClient client;

  @BeforeAll
  static void deploy(Vertx vertx) {
    redis = RedisTestServer.start();
    keys = TestTokens.keysDir();
    config = TestTokens.config(redis.url(), keys, Map.of());
    vertx.deployVerticle(new TokenVerticle(config)).await();
    client = new TokenClient(vertx.eventBus(), Duration.ofSeconds(5));
  }

  @AfterAll
  static void stop() {
    redis.close();
  }

  private static Grant verify(String token) {
    return client.verify(new VerifyRequest(token, "127.0.0.1", "test-node")).await();
  }

  private static ReplyException refused(String token) {
    return assertThrows(ReplyException.class, () -> verify(token), "token was accepted");
  }

  private static void assertInvalid(String token) {
    ReplyException e = refused(token);
    assertEquals(ReplyFailure.RECIPIENT_FAILURE, e.failureType());
    assertEquals(401, e.failureCode());
    assertEquals("token invalid or expired", e.getMessage(), "the reason never says which check failed");
  }

  private static String sign(Vertx vertx, String kid, JsonObject claims) {
    return TestTokens.sign(vertx, TestTokens.key(config, kid), claims);
  }

  @Test
  void aTokenVerifiedBeforeStillCannotLendItsSignatureToAnother(Vertx vertx) {
    for (String kid : List.of("es1", "rs1", "hs1")) {
      JsonObject claims = TestTokens.goodClaims(config);
      String token = sign(vertx, kid, claims);
      assertEquals(claims.getString("jti"), verify(token).jti(), kid);
      assertEquals(claims.getString("jti"), verify(token).jti(), kid + ": the remembered signature serves the same token again");
      assertInvalid(TestTokens.withPayload(token, claims.copy().put("sub", "mallory")));
      // The signature's first character: all six of its bits are signature bits (the last
      // character's low bits are base64 padding, and changing only those changes nothing).
      int signature = token.lastIndexOf('.') + 1;
      char first = token.charAt(signature);
      assertInvalid(token.substring(0, signature) + (first == 'A' ? 'B' : 'A') + token.substring(signature + 1));
    }
  }

  @Test
  void everyKeyTypeVerifies(Vertx vertx) {
    for (String kid : List.of("es1", "rs1", "hs1")) {
      JsonObject claims = TestTokens.goodClaims(config);
      Grant grant = verify(sign(vertx, kid, claims));
      assertEquals(claims.getString("jti"), grant.jti(), kid);
      assertEquals("alice", grant.sub());
      assertEquals("desk-1", grant.hostId());
      assertEquals(claims.getLong("exp"), grant.exp());
    }
  }

  @Test
  void poolTargetAndViewOnlyReachTheGrant(Vertx vertx) {
    JsonObject claims = TestTokens.goodClaims(config).put("pool", "lab").put("viewOnly", true);
    claims.remove("hostId");
    Grant grant = verify(sign(vertx, "es1", claims));
    assertEquals("lab", grant.pool());
    assertEquals(true, grant.viewOnly());
    JsonObject both = TestTokens.goodClaims(config).put("pool", "lab");
    assertInvalid(sign(vertx, "es1", both));
  }

  @Test
  void audienceMayBeASingleString(Vertx vertx) {
    assertEquals("desk-1", verify(sign(vertx, "es1", TestTokens.goodClaims(config).put("aud", config.audience()))).hostId());
  }

  @Test
  void expiredTokenSaysSo(Vertx vertx) {
    long now = Instant.now().getEpochSecond();
    ReplyException e = refused(sign(vertx, "es1", TestTokens.goodClaims(config).put("iat", now - 120).put("nbf", now - 120).put("exp", now - 60)));
    assertEquals(401, e.failureCode());
    assertEquals("token expired", e.getMessage());
  }

  @Test
  void expiryWithinLeewayIsAccepted(Vertx vertx) {
    long now = Instant.now().getEpochSecond();
    assertEquals("alice", verify(sign(vertx, "es1", TestTokens.goodClaims(config).put("exp", now - config.leewaySeconds() + 2))).sub());
  }

  @Test
  void notYetValidOrIssuedInTheFutureIsRefused(Vertx vertx) {
    long now = Instant.now().getEpochSecond();
    assertInvalid(sign(vertx, "es1", TestTokens.goodClaims(config).put("nbf", now + 600).put("exp", now + 900)));
    assertInvalid(sign(vertx, "es1", TestTokens.goodClaims(config).put("iat", now + 600).put("exp", now + 900)));
  }

  @Test
  void tokenWithoutExpiryOrIssueTimeIsRefused(Vertx vertx) {
    JsonObject noExp = TestTokens.goodClaims(config);
    noExp.remove("exp");
    assertInvalid(sign(vertx, "es1", noExp));
    JsonObject noIat = TestTokens.goodClaims(config);
    noIat.remove("iat");
    assertInvalid(sign(vertx, "es1", noIat));
  }

  @Test
  void algNoneIsRefused() {
    assertInvalid(TestTokens.unsigned("es1", TestTokens.goodClaims(config)));
    assertInvalid(TestTokens.unsigned("es1", TestTokens.goodClaims(config)) + "c2ln");
  }

  @Test
  void publicKeyUsedAsAnHmacSecretIsRefused() throws IOException {
    for (String kid : List.of("rs1", "es1")) {
      String pem = Files.readString(keys.resolve(kid + ".pem"));
      String publicPem = pem.substring(pem.indexOf("-----BEGIN PUBLIC KEY-----"));
      String forged = TestTokens.hmac(new JsonObject().put("alg", "HS256").put("typ", "JWT").put("kid", kid),
        TestTokens.goodClaims(config), publicPem.getBytes(StandardCharsets.US_ASCII));
      assertInvalid(forged);
    }
  }

  @Test
  void algorithmIsPinnedPerKid(Vertx vertx) {
    // A valid HS256 signature by hs1, relabelled as if rs1 had made it.
    String real = sign(vertx, "hs1", TestTokens.goodClaims(config));
    String[] parts = real.split("\\.");
    String relabelled = TestTokens.b64(new JsonObject().put("alg", "HS256").put("typ", "JWT").put("kid", "rs1").encode())
      + "." + parts[1] + "." + parts[2];
    assertInvalid(relabelled);
  }

  @Test
  void unknownOrMissingKidIsRefused(Vertx vertx) {
    String real = sign(vertx, "es1", TestTokens.goodClaims(config));
    String[] parts = real.split("\\.");
    for (JsonObject header : List.of(new JsonObject().put("alg", "ES256").put("kid", "retired"), new JsonObject().put("alg", "ES256"))) {
      assertInvalid(TestTokens.b64(header.encode()) + "." + parts[1] + "." + parts[2]);
    }
  }

  @Test
  void tamperedPayloadIsRefused(Vertx vertx) {
    String token = sign(vertx, "es1", TestTokens.goodClaims(config));
    assertInvalid(TestTokens.withPayload(token, TestTokens.goodClaims(config).put("hostId", "someone-elses-desk")));
    String hs = sign(vertx, "hs1", TestTokens.goodClaims(config));
    assertInvalid(TestTokens.withPayload(hs, TestTokens.goodClaims(config).put("hostId", "someone-elses-desk")));
  }

  @Test
  void wrongAudienceOrIssuerIsRefused(Vertx vertx) {
    assertInvalid(sign(vertx, "es1", TestTokens.goodClaims(config).put("aud", List.of("another-app"))));
    assertInvalid(sign(vertx, "es1", TestTokens.goodClaims(config).put("iss", "someone-else")));
    JsonObject noAudience = TestTokens.goodClaims(config);
    noAudience.remove("aud");
    assertInvalid(sign(vertx, "es1", noAudience));
  }

  @Test
  void tokenWithoutTargetIsRefused(Vertx vertx) {
    JsonObject claims = TestTokens.goodClaims(config);
    claims.remove("hostId");
    assertInvalid(sign(vertx, "es1", claims));
  }

  @Test
  void garbageIsRefused() {
    assertInvalid("not-a-token");
    assertInvalid("a.b.c");
    assertInvalid(TestTokens.b64("{}") + "." + TestTokens.b64("[1,2]") + ".xx");
    assertInvalid("x".repeat(20_000));
  }

  @Test
  void malformedRequestGets400(Vertx vertx) {
    ReplyException e = assertThrows(ReplyException.class, () -> vertx.eventBus()
      .request(Addresses.TOKEN_VERIFY, new JsonObject().put("clientIp", "1.2.3.4"), new DeliveryOptions().setSendTimeout(5000))
      .await());
    assertEquals(400, e.failureCode());
  }
}
