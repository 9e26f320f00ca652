package io.vncgate.token;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vncgate.shared.bus.TokenClient;
import io.vncgate.shared.bus.VerifyRequest;
import io.vncgate.testkit.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Without Redis no revocation or single-use check is possible, so the service fails closed. */
@ExtendWith(VertxExtension.class)
class TokenRedisDownTest {

  @Test
  void verifyAndIssueFailClosedWithReadableAnswers(Vertx vertx) {
    TokenConfig config = TestTokens.config("redis://127.0.0.1:" + FreePorts.next(), TestTokens.keysDir(), Map.of());
    TokenVerticle verticle = new TokenVerticle(config);
    vertx.deployVerticle(verticle).await();

    String token = TestTokens.sign(vertx, TestTokens.key(config, "es1"), TestTokens.goodClaims(config));
    ReplyException e = assertThrows(ReplyException.class, () -> new TokenClient(vertx.eventBus(), Duration.ofSeconds(10))
      .verify(new VerifyRequest(token, "127.0.0.1", "t")).await());
    assertEquals(503, e.failureCode(), "a good signature is not enough while revocations cannot be checked");

    HttpResponse<Buffer> issue = WebClient.create(vertx).post(verticle.actualPort(), "127.0.0.1", "/api/v1/tokens")
      .putHeader("Authorization", "Bearer " + TestTokens.API_KEY)
      .sendJsonObject(new JsonObject().put("hostId", "d").put("sub", "s")).await();
    assertEquals(503, issue.statusCode());
    assertEquals("unavailable", issue.bodyAsJsonObject().getString("error"));
  }
}
