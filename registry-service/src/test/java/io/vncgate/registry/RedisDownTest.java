package io.vncgate.registry;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vncgate.shared.bus.RegistryClient;
import io.vncgate.shared.bus.ResolveRequest;
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
    RegistryHarness registry = new RegistryHarness(vertx, "redis://127.0.0.1:" + FreePorts.next(), Map.of());
    assertEquals(503, registry.http.get("/health/ready").send().await().statusCode());
    assertEquals(200, registry.http.get("/health/live").send().await().statusCode());
    HttpResponse<Buffer> put = registry.put("d", new JsonObject().put("host", "h").put("port", 5901));
    assertEquals(503, put.statusCode());
    assertEquals("unavailable", put.bodyAsJsonObject().getString("error"));
    assertEquals(503, registry.get("/api/v1/sessions").statusCode());

    ReplyException e = assertThrows(ReplyException.class, () -> new RegistryClient(vertx.eventBus(), Duration.ofSeconds(10))
      .resolve(new ResolveRequest("d", null, "s", "id")).await());
    assertEquals(503, e.failureCode());
  }
}
