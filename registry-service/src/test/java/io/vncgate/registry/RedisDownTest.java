package io.vncgate.registry;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.vncgate.shared.bus.RegistryClient;
import io.vncgate.shared.bus.ResolveRequest;
import io.vncgate.shared.config.Settings;
import io.vncgate.testkit.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** With Redis unreachable the registry still starts, and answers 503 instead of failing oddly. */
@ExtendWith(VertxExtension.class)
class RedisDownTest {

  @Test
  void unreachableRedisGives503Everywhere(Vertx vertx) {
    String deadRedis = "redis://127.0.0.1:" + FreePorts.next();
    RegistryVerticle verticle = new RegistryVerticle(RegistryConfig.from(Settings.of(Map.of(
      "HTTP_HOST", "127.0.0.1", "HTTP_PORT", "0", "API_KEYS", "k", "REDIS_URL", deadRedis))));
    vertx.deployVerticle(verticle).await();
    WebClient http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(verticle.actualPort()));

    assertEquals(503, http.get("/health/ready").send().await().statusCode());
    assertEquals(200, http.get("/health/live").send().await().statusCode());
    HttpResponse<Buffer> put = http.put("/api/v1/hosts/d").putHeader("Authorization", "Bearer k")
      .sendJson(Map.of("host", "h", "port", 5901)).await();
    assertEquals(503, put.statusCode());
    assertEquals("unavailable", put.bodyAsJsonObject().getString("error"));

    ReplyException e = assertThrows(ReplyException.class, () -> new RegistryClient(vertx.eventBus(), Duration.ofSeconds(10))
      .resolve(new ResolveRequest("d", null, "s", "id")).await());
    assertEquals(503, e.failureCode());
  }
}
