package io.vncgate.gateway;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.junit5.VertxExtension;
import io.vncgate.gateway.relay.RelayReads;
import io.vncgate.shared.bus.Destination;
import io.vncgate.testkit.Pump;
import io.vncgate.testkit.StreamDigest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The relay against a real TCP "desktop": tens of megabytes each way arrive byte for byte, and
 * a reader that stops reading stops the writer on the far side (backpressure through the
 * gateway in both directions) instead of letting the gateway buffer the stream.
 */
@ExtendWith(VertxExtension.class)
class RelayTest {

  /** More than every socket buffer on the path can hold, so a paused reader must stall the writer. */
  private static final long TOTAL = 64L * 1024 * 1024;
  /** The largest frame the gateway may send a browser (as websockify), however much it read at once. */
  private static final int FRAME_LIMIT = 64 * 1024;
  private static final String ORIGIN = "http://allowed.example";

  private static final FakeServices services = new FakeServices();
    private static int gatewayPort;
  private static WebSocketClient client;

  @BeforeAll
  static void start(Vertx vertx) {
    // Kept in a field: Vert.x closes a client (and its sockets) once it is no longer reachable.
    // Frames up to the gateway's largest read are accepted here, so a frame over the limit fails
    // an assertion below instead of this client's own check.
    client = vertx.createWebSocketClient(new WebSocketClientOptions()
      .setMaxFrameSize(RelayReads.MAX_READ_BYTES).setMaxMessageSize(RelayReads.MAX_READ_BYTES));
    services.register(vertx).await();
    gatewayPort = GatewayHarness.deploy(vertx, GatewayHarness.config(Map.of()));
  }

  /** A desktop on its own port; the test gets its side of the connection. */
  private static Future<NetSocket> desktop(Vertx vertx, String hostId) {
    Promise<NetSocket> accepted = Promise.promise();
    NetServer server = vertx.createNetServer().connectHandler(socket -> {
      socket.pause();
      accepted.tryComplete(socket);
    }).listen(0, "127.0.0.1").await();
    services.hosts.put(hostId, new Destination(hostId, "127.0.0.1", server.actualPort(), null));
    return accepted.future();
  }

  private static WebSocket browser(Vertx vertx, String hostId) {
    return client.connect(TestBrowser.options(gatewayPort, "host:" + hostId, ORIGIN)).await();
  }

  @Test
  void desktopToBrowserIsExactAndPausesTheDesktopWhenTheBrowserStopsReading(Vertx vertx) {
    Future<NetSocket> desktopSide = desktop(vertx, "push");
    WebSocket ws = browser(vertx, "push");
    ws.pause();
    NetSocket desktop = desktopSide.await();

    StreamDigest received = new StreamDigest();
    Promise<Void> allReceived = Promise.promise();
    Promise<Void> closed = Promise.promise();
    int[] largestFrame = {0};
    ws.frameHandler(frame -> largestFrame[0] = Math.max(largestFrame[0], frame.binaryData().length()));
    ws.handler(data -> {
      received.update(data);
      if (received.bytes() == TOTAL) {
        allReceived.complete();
      }
    });
    ws.closeHandler(v -> closed.complete());

    Pump pump = new Pump(vertx, desktop, TOTAL, 64 * 1024, desktop::write);
    Future<String> sent = pump.start(500);
    Future.any(pump.stalled(), sent).await();
    assertTrue(pump.stalled().isComplete(), "the desktop must stall while the browser does not read");
    assertTrue(pump.stalled().result() < TOTAL, "stalled after " + pump.stalled().result() + " bytes");

    readSlowly(vertx, ws);
    String sentHash = sent.await();
    desktop.end();
    allReceived.future().await();
    closed.future().await();
    assertEquals(sentHash, received.hex());
    // The gateway reads up to a megabyte at a time while the browser lags; it must still send small frames.
    assertTrue(largestFrame[0] <= FRAME_LIMIT, "largest frame to the browser: " + largestFrame[0] + " bytes");
    assertEquals((short) 1000, ws.closeStatusCode(), "the desktop ended the session");
    assertEquals("the desktop ended the session", ws.closeReason());
  }

  @Test
  void browserToDesktopIsExactAndPausesTheBrowserWhenTheDesktopStopsReading(Vertx vertx) {
    Future<NetSocket> desktopSide = desktop(vertx, "sink");
    WebSocket ws = browser(vertx, "sink");
    NetSocket desktop = desktopSide.await();
    StreamDigest received = new StreamDigest();
    Promise<Void> allReceived = Promise.promise();
    desktop.handler(data -> {
      received.update(data);
      if (received.bytes() == TOTAL) {
        allReceived.complete();
      }
    });
    Promise<Void> desktopClosed = Promise.promise();
    desktop.closeHandler(v -> desktopClosed.complete());

    // noVNC sends at most 10 KiB per message; so does this browser.
    Pump pump = new Pump(vertx, ws, TOTAL, 10 * 1024, ws::writeBinaryMessage);
    Future<String> sent = pump.start(500);
    Future.any(pump.stalled(), sent).await();
    assertTrue(pump.stalled().isComplete(), "the browser must stall while the desktop does not read");
    assertTrue(pump.stalled().result() < TOTAL, "stalled after " + pump.stalled().result() + " bytes");

    readSlowly(vertx, desktop);
    String sentHash = sent.await();
    allReceived.future().await();
    assertEquals(sentHash, received.hex());

    ws.close();
    desktopClosed.future().await();
  }

  /**
   * The fast path takes data frames off the browser's pipeline itself: text messages (as
   * websockify relays them) and fragmented binary messages must reach the desktop as their
   * payload, in order, with pings answered by the gateway in between and not relayed.
   */
  @Test
  void textFragmentedAndControlFramesReachTheDesktopAsPayloadOnly(Vertx vertx) {
    Future<NetSocket> desktopSide = desktop(vertx, "frames");
    WebSocket ws = browser(vertx, "frames");
    NetSocket desktop = desktopSide.await();
    Buffer expected = Buffer.buffer();
    Buffer received = Buffer.buffer();
    Promise<Void> allReceived = Promise.promise();
    Promise<Buffer> pong = Promise.promise();
    ws.pongHandler(pong::tryComplete);
    desktop.handler(data -> {
      received.appendBuffer(data);
      if (received.length() >= expected.length()) {
        allReceived.tryComplete();
      }
    });
    desktop.resume();

    String text = "text frame " + vertx.hashCode();
    Buffer first = Buffer.buffer("first fragment;");
    Buffer last = Buffer.buffer("last fragment " + System.nanoTime());
    expected.appendString(text).appendBuffer(first).appendBuffer(last);
    Buffer ping = Buffer.buffer("keepalive");
    ws.writeTextMessage(text);
    ws.writeFrame(WebSocketFrame.binaryFrame(first, false));
    ws.writePing(ping);
    ws.writeFrame(WebSocketFrame.continuationFrame(last, true));

    assertEquals(ping, pong.future().await(), "the gateway answers the ping itself");
    allReceived.future().await();
    assertEquals(expected.toString(), received.toString());
    ws.close().await();
  }

  /** A desktop whose connection is reset (not closed cleanly) still ends the session readably. */
  @Test
  void aResetDesktopEndsTheSessionWithItsReason(Vertx vertx) {
    Promise<NetSocket> accepted = Promise.promise();
    NetServer server = vertx.createNetServer(new NetServerOptions().setSoLinger(0))
      .connectHandler(accepted::tryComplete).listen(0, "127.0.0.1").await();
    services.hosts.put("reset", new Destination("reset", "127.0.0.1", server.actualPort(), null));
    WebSocket ws = browser(vertx, "reset");
    Promise<Void> closed = Promise.promise();
    ws.closeHandler(v -> closed.complete());
    Buffer hello = Buffer.buffer("RFB 003.008\n");
    Promise<Buffer> greeted = Promise.promise();
    ws.handler(greeted::tryComplete);
    NetSocket desktop = accepted.future().await();
    desktop.write(hello).await();
    assertEquals(hello, greeted.future().await());
    // With SO_LINGER 0 the close sends a reset instead of a FIN.
    desktop.close();
    closed.future().await();
    assertEquals((short) 1000, ws.closeStatusCode());
    assertEquals("the desktop ended the session", ws.closeReason());
    server.close();
  }

  /** Reads in bursts: 20 ms on, 20 ms off, so the writer is paused and resumed many times. */
  private static void readSlowly(Vertx vertx, io.vertx.core.streams.ReadStream<Buffer> stream) {
    boolean[] reading = {false};
    vertx.setPeriodic(20, id -> {
      reading[0] = !reading[0];
      if (reading[0]) {
        stream.resume();
      } else {
        stream.pause();
      }
    });
  }
}
