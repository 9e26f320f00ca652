package io.vncgate.token;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.vncgate.testkit.RedisTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each API key may issue only so many tokens a minute; the limit is per key, not global. */
@ExtendWith(VertxExtension.class)
class IssueRateTest {

  private static final int LIMIT = 3;
  private static RedisTestServer redis;
  private static WebClient http;

  @BeforeAll
  static void deploy(Vertx vertx) {
    redis = RedisTestServer.start();
    TokenVerticle verticle = new TokenVerticle(TestTokens.config(redis.url(), TestTokens.keysDir(),
      Map.of("ISSUE_RATE_PER_MINUTE", String.valueOf(LIMIT))));
    vertx.deployVerticle(verticle).await();
    http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(verticle.actualPort()));
  }

  @AfterAll
  static void stop() {
    redis.close();
  }

  private static HttpResponse<Buffer> issue(String key) {
    return http.post("/api/v1/tokens").putHeader("Authorization", "Bearer " + key)
      .sendJsonObject(new JsonObject().put("hostId", "desk-1").put("sub", "bulk")).await();
  }

  @Test
  void overTheLimitGets429WithRetryAfter() {
    for (int i = 0; i < LIMIT; i++) {
      assertEquals(201, issue(TestTokens.API_KEY).statusCode());
    }
    HttpResponse<Buffer> limited = issue(TestTokens.API_KEY);
    assertEquals(429, limited.statusCode());
    assertEquals("rate_limited", limited.bodyAsJsonObject().getString("error"));
    int retryAfter = Integer.parseInt(limited.getHeader("Retry-After"));
    assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
    assertTrue(limited.bodyAsJsonObject().getString("message").contains("portal"), "names the key, not its secret");
    assertEquals(201, issue(TestTokens.SECOND_KEY).statusCode(), "another key has its own budget");
  }
}
