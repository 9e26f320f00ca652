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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Every way a token can be wrong, checked through the real verify consumer on the event bus. */
@ExtendWith(VertxExtension.class)
class TokenVerifyTest {

  private static TokenConfig config;
  private static TokenClient client;

  @BeforeAll
  static void deploy(Vertx vertx) {
    config = TestTokens.config(0);
    vertx.deployVerticle(new TokenVerticle(config)).await();
    client = new TokenClient(vertx.eventBus(), Duration.ofSeconds(5));
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
    assertEquals("token invalid or expired", e.getMessage());
  }

  @Test
  void validTokenYieldsItsGrant(Vertx vertx) {
    JsonObject claims = TestTokens.goodClaims(config);
    Grant grant = verify(TestTokens.sign(vertx, TestTokens.SECRET, claims));
    assertEquals(claims.getString("jti"), grant.jti());
    assertEquals(claims.getString("sub"), grant.sub());
    assertEquals(claims.getString("hostId"), grant.hostId());
    assertEquals(claims.getLong("exp"), grant.exp());
  }

  @Test
  void audienceMayBeASingleString(Vertx vertx) {
    JsonObject claims = TestTokens.goodClaims(config).put("aud", config.audience());
    assertEquals("desk-1", verify(TestTokens.sign(vertx, TestTokens.SECRET, claims)).hostId());
  }

  @Test
  void expiredTokenSaysSo(Vertx vertx) {
    long now = Instant.now().getEpochSecond();
    JsonObject claims = TestTokens.goodClaims(config).put("iat", now - 120).put("nbf", now - 120).put("exp", now - 60);
    ReplyException e = refused(TestTokens.sign(vertx, TestTokens.SECRET, claims));
    assertEquals(401, e.failureCode());
    assertEquals("token expired", e.getMessage());
  }

  @Test
  void expiryWithinLeewayIsAccepted(Vertx vertx) {
    long now = Instant.now().getEpochSecond();
    JsonObject claims = TestTokens.goodClaims(config).put("exp", now - config.leewaySeconds() + 2);
    assertEquals("alice", verify(TestTokens.sign(vertx, TestTokens.SECRET, claims)).sub());
  }

  @Test
  void notYetValidTokenIsRefused(Vertx vertx) {
    long now = Instant.now().getEpochSecond();
    assertInvalid(TestTokens.sign(vertx, TestTokens.SECRET, TestTokens.goodClaims(config).put("nbf", now + 600).put("exp", now + 900)));
  }

  @Test
  void tokenWithoutExpiryIsRefused(Vertx vertx) {
    JsonObject claims = TestTokens.goodClaims(config);
    claims.remove("exp");
    assertInvalid(TestTokens.sign(vertx, TestTokens.SECRET, claims));
  }

  @Test
  void badSignatureIsRefused(Vertx vertx) {
    assertInvalid(TestTokens.sign(vertx, "another-secret-that-is-also-long-enough!!", TestTokens.goodClaims(config)));
  }

  @Test
  void tamperedPayloadIsRefused(Vertx vertx) {
    String token = TestTokens.sign(vertx, TestTokens.SECRET, TestTokens.goodClaims(config));
    assertInvalid(TestTokens.withPayload(token, TestTokens.goodClaims(config).put("hostId", "someone-elses-desk")));
  }

  @Test
  void wrongAudienceOrIssuerIsRefused(Vertx vertx) {
    assertInvalid(TestTokens.sign(vertx, TestTokens.SECRET, TestTokens.goodClaims(config).put("aud", List.of("another-app"))));
    assertInvalid(TestTokens.sign(vertx, TestTokens.SECRET, TestTokens.goodClaims(config).put("iss", "someone-else")));
    JsonObject noAudience = TestTokens.goodClaims(config);
    noAudience.remove("aud");
    assertInvalid(TestTokens.sign(vertx, TestTokens.SECRET, noAudience));
  }

  @Test
  void unsignedTokenIsRefused() {
    assertInvalid(TestTokens.unsigned(TestTokens.goodClaims(config)));
    assertInvalid(TestTokens.unsigned(TestTokens.goodClaims(config)) + "c2ln");
  }

  @Test
  void tokenWithoutTargetIsRefused(Vertx vertx) {
    JsonObject claims = TestTokens.goodClaims(config);
    claims.remove("hostId");
    assertInvalid(TestTokens.sign(vertx, TestTokens.SECRET, claims));
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
