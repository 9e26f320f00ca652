package io.vncgate.gateway;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vncgate.gateway.TestBrowser.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A gateway whose cluster has no token service refuses with 4503 at once, not after a timeout. */
@ExtendWith(VertxExtension.class)
class NoServicesTest {

  @Test
  void noTokenServiceMeans4503(Vertx vertx) {
    int port = GatewayHarness.deploy(vertx, GatewayHarness.config(Map.of("BUS_TIMEOUT_MS", "30000")));
    long started = System.nanoTime();
    Outcome outcome = TestBrowser.refusal(vertx, TestBrowser.options(port, "host:any", null)).await();
    assertEquals(4503, outcome.closeCode());
    assertEquals("service unavailable, try again shortly", outcome.rfbReason());
    assertEquals(true, System.nanoTime() - started < 10_000_000_000L, "no-handler failures are immediate, not a 30 s timeout");
  }
}
