package io.vncgate.gateway.handshake;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.junit5.VertxExtension;
import io.vncgate.testkit.Pump;
import io.vncgate.testkit.StreamDigest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An accepted WebSocket loses Vert.x's thread-safe outbound queue, and writing to it still
 * honours backpressure: the writer stalls while the browser does not read, and every byte
 * arrives once it does.
 */
@ExtendWith(VertxExtension.class)
class DirectOutboundTest {

  private static final long TOTAL = 64L * 1024 * 1024;

  @Test
  void anAcceptedWebSocketWritesDirectlyAndKeepsBackpressure(Vertx vertx) throws Exception {
    Promise<List<String>> queues = Promise.promise();
    Promise<Pump> writing = Promise.promise();
    Promise<Context> loop = Promise.promise();
    HttpServer server = vertx.createHttpServer(new HttpServerOptions().setStrictThreadMode(true))
      .webSocketHandshakeHandler(handshake -> handshake.accept().onSuccess(ws -> {
        try {
          String before = DirectOutbound.queueOf(ws);
          boolean applied = DirectOutbound.apply(ws);
          queues.complete(List.of(before, Boolean.toString(applied), DirectOutbound.queueOf(ws)));
        } catch (ReflectiveOperationException e) {
          queues.fail(e);
        }
        writing.complete(new Pump(vertx, ws, TOTAL, 64 * 1024, ws::write));
        loop.complete(Vertx.currentContext());
      }))
      .listen(0, "127.0.0.1").await();
    // Closed at the end, which also keeps it reachable: Vert.x closes a client the collector finds unreachable.
    WebSocketClient client = vertx.createWebSocketClient();
    WebSocket browser = client
      .connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(server.actualPort()).setURI("/"))
      .map(WebSocket::pause).await();

    assertEquals(List.of("InternalMessageChannel", "true", "DirectOutboundMessageQueue"), queues.future().await());
    Pump pump = writing.future().await();
    StreamDigest received = new StreamDigest();
    Promise<Void> all = Promise.promise();
    // Written on the WebSocket's event loop, as every gateway write is.
    Promise<String> sent = Promise.promise();
    loop.future().await().runOnContext(v -> pump.start(300).onComplete(sent));
    Future.any(pump.stalled(), sent.future()).timeout(30, TimeUnit.SECONDS).await();
    assertTrue(pump.stalled().isComplete(), "the writer must stall while the browser does not read");
    assertTrue(pump.stalled().result() < TOTAL, "stalled after " + pump.stalled().result() + " bytes");

    browser.handler(data -> {
      received.update(data);
      if (received.bytes() == TOTAL) {
        all.complete();
      }
    });
    browser.resume();
    all.future().timeout(30, TimeUnit.SECONDS).await();
    assertEquals(sent.future().await(), received.hex(), "every byte, in order");
    browser.close().await();
    client.close().await();
    server.close().await();
  }
}
