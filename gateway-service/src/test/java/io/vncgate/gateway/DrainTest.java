package io.vncgate.gateway;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.net.NetServer;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vncgate.gateway.TestBrowser.Outcome;
import io.vncgate.gateway.node.GatewayNode;
import io.vncgate.shared.bus.Destination;
import io.vncgate.shared.metrics.Metrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Draining a node with live sessions: readiness 503 and new sessions refused with 1001 at once,
 * live sessions left alone until the deadline, then closed with 1001; the drained action (exit 0
 * in the jar) runs last. The admin call needs an API key.
 */
@ExtendWith(VertxExtension.class)
class DrainTest {

  private static final String ORIGIN = "http://allowed.example";

  @Test
  void drainRefusesNewSessionsAndEndsLiveOnesAtTheDeadline(Vertx vertx) {
    FakeServices services = new FakeServices();
    services.register(vertx).await();
    NetServer desktop = vertx.createNetServer().connectHandler(socket -> socket.write(Buffer.buffer("RFB 003.008\n")))
      .listen(0, "127.0.0.1").await();
    services.hosts.put("desk", new Destination("desk", "127.0.0.1", desktop.actualPort(), null));
    GatewayConfig config = GatewayHarness.config(Map.of("DRAIN_SECONDS", "2", "API_KEYS", "drain-key"));
    GatewayNode node = new GatewayNode(config, Metrics.newRegistry("gateway"));
    AtomicBoolean drained = new AtomicBoolean();
    node.onDrained(() -> drained.set(true));
    int port = GatewayHarness.deploy(vertx, config, node);
    WebSocketClient client = vertx.createWebSocketClient();
    WebClient http = WebClient.create(vertx);

    WebSocket stays = client.connect(TestBrowser.options(port, "host:desk:a:j-a", ORIGIN)).await();
    WebSocket leaves = client.connect(TestBrowser.options(port, "host:desk:b:j-b", ORIGIN)).await();
    Promise<Long> staysClosed = Promise.promise();
    stays.closeHandler(v -> staysClosed.complete(System.nanoTime()));

    assertEquals(401, http.post(port, "127.0.0.1", "/admin/drain").send().await().statusCode(), "the admin call needs a key");
    assertEquals(200, http.get(port, "127.0.0.1", "/health/ready").send().await().statusCode());
    long drainAt = System.nanoTime();
    assertEquals(202, http.post(port, "127.0.0.1", "/admin/drain").putHeader("Authorization", "Bearer drain-key").send().await()
      .statusCode());

    assertEquals(503, http.get(port, "127.0.0.1", "/health/ready").send().await().statusCode(), "load balancers take the node out");
    Outcome refused = TestBrowser.refusal(vertx, TestBrowser.options(port, "host:desk:c:j-c", ORIGIN)).await();
    assertEquals(1001, refused.closeCode());
    assertEquals("this gateway is shutting down", refused.rfbReason());
    assertFalse(stays.isClosed(), "live sessions go on while the deadline has not passed");

    leaves.close().await();
    long closedAfter = (staysClosed.future().await() - drainAt) / 1_000_000;
    assertEquals((short) 1001, stays.closeStatusCode());
    assertTrue(closedAfter >= 1800 && closedAfter < 5000, "closed at the 2 s deadline: " + closedAfter + " ms");
    waitFor(vertx, drained);
    assertEquals(0, node.sessions());
    // Closing the client last also keeps it reachable: Vert.x closes a client the collector finds unreachable.
    client.close().await();
    http.close();
  }

  private static void waitFor(Vertx vertx, AtomicBoolean flag) {
    Poll.until(vertx, "the drained action", flag::get);
  }
}
