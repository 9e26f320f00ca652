package io.vncgate.gateway;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.junit5.VertxExtension;
import io.vncgate.shared.bus.Destination;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Time on the gateway: pings keep a quiet session alive and find a browser that vanished; idle
 * and maximum session length end sessions with 4408, set by the node or, shorter, by the token.
 */
@ExtendWith(VertxExtension.class)
class SessionTimeTest {

  private static final FakeServices services = new FakeServices();
  private static int port;
  private static int idlePort;
  private static NetClient raw;

  @BeforeAll
  static void start(Vertx vertx) {
    raw = vertx.createNetClient();
    services.register(vertx).await();
    // A desktop that greets, then stays silent (an idle screen sends nothing).
    NetServer desktop = vertx.createNetServer().connectHandler(socket -> socket.write(Buffer.buffer("RFB 003.008\n")))
      .listen(0, "127.0.0.1").await();
    services.hosts.put("quiet", new Destination("quiet", "127.0.0.1", desktop.actualPort(), null));
    port = GatewayHarness.deploy(vertx, GatewayHarness.config(Map.of("PING_SECONDS", "1", "PEER_TIMEOUT_SECONDS", "5")));
    idlePort = GatewayHarness.deploy(vertx, GatewayHarness.config(Map.of("IDLE_TIMEOUT_SECONDS", "2", "MAX_SESSION_SECONDS", "60")));
  }

  private static RawWebSocket session(Vertx vertx, int gatewayPort, String token) {
    RawWebSocket ws = RawWebSocket.connect(vertx, raw, gatewayPort, RawWebSocket.upgrade("/websockify?token=" + token, "")).await();
    assertTrue(ws.response.future().await().startsWith("HTTP/1.1 101"));
    return ws;
  }

  @Test
  void pingsFlowToAQuietSessionAndASilentBrowserIsReaped(Vertx vertx) {
    long started = System.nanoTime();
    RawWebSocket ws = session(vertx, port, "host:quiet:pat:j-quiet");
    // This client never answers pings: after the peer timeout the gateway gives up on it.
    int code = ws.closeCode.future().await();
    long seconds = (System.nanoTime() - started) / 1_000_000_000L;
    assertTrue(ws.pings.get() >= 3, "pings seen: " + ws.pings.get());
    assertEquals(1001, code);
    assertTrue(seconds >= 4 && seconds <= 8, "reaped after " + seconds + " s");
  }

  @Test
  void idleSessionEndsWith4408AndInputKeepsItOpen(Vertx vertx) {
    RawWebSocket idle = session(vertx, idlePort, "host:quiet:ida:j-idle");
    RawWebSocket busy = session(vertx, idlePort, "host:quiet:bea:j-busy");
    // The busy browser: RFB handshake (version, security None, ClientInit), then a key press a second.
    busy.sendBinary(Buffer.buffer("RFB 003.008\n").appendByte((byte) 1).appendByte((byte) 1));
    long typing = vertx.setPeriodic(700, t ->
      busy.sendBinary(Buffer.buffer().appendByte((byte) 4).appendByte((byte) 1).appendShort((short) 0).appendInt(0x61)));
    assertEquals(4408, idle.closeCode.future().await());
    Promise<Void> later = Promise.promise();
    vertx.setTimer(1500, t -> later.complete());
    later.future().await();
    vertx.cancelTimer(typing);
    assertTrue(!busy.closeCode.future().isComplete(), "input keeps a session open");
    busy.close();
  }

  @Test
  void tokenMaxDurationEndsTheSessionWith4408(Vertx vertx) {
    long started = System.nanoTime();
    RawWebSocket ws = session(vertx, idlePort, "short:quiet:max:j-short");
    ws.sendBinary(Buffer.buffer("RFB 003.008\n").appendByte((byte) 1).appendByte((byte) 1));
    long typing = vertx.setPeriodic(500, t ->
      ws.sendBinary(Buffer.buffer().appendByte((byte) 5).appendByte((byte) 0).appendUnsignedShort(1).appendUnsignedShort(1)));
    assertEquals(4408, ws.closeCode.future().await());
    vertx.cancelTimer(typing);
    long millis = (System.nanoTime() - started) / 1_000_000;
    assertTrue(millis >= 1000 && millis < 4000, "the token's 1 s limit, not the node's 60 s: " + millis + " ms");
  }
}
