package io.vncgate.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.junit5.VertxExtension;
import io.vncgate.gateway.TestBrowser.Outcome;
import io.vncgate.shared.bus.Destination;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each limit, met with a real client, with its close code and reason (or HTTP status). */
@ExtendWith(VertxExtension.class)
class LimitsTest {

  private static final String ORIGIN = "http://allowed.example";
  private static final FakeServices services = new FakeServices();
  private static int port;
  private static WebSocketClient client;
  private static NetClient raw;

  @BeforeAll
  static void start(Vertx vertx) {
    client = vertx.createWebSocketClient();
    raw = vertx.createNetClient();
    services.register(vertx).await();
    NetServer desktop = vertx.createNetServer().connectHandler(socket -> socket.write(Buffer.buffer("RFB 003.008\n")))
      .listen(0, "127.0.0.1").await();
    services.hosts.put("desk", new Destination("desk", "127.0.0.1", desktop.actualPort(), null));
    port = GatewayHarness.deploy(vertx, GatewayHarness.config(Map.of(
      "HANDSHAKE_TIMEOUT_MS", "500", "MAX_HEADER_BYTES", "2048", "MAX_MESSAGE_BYTES", "4096",
      "MAX_SESSIONS", "2", "UPGRADES_PER_SECOND", "1", "UPGRADE_BURST", "6",
      "TRUSTED_PROXIES", "127.0.0.1")));
  }

  private static Outcome refusal(Vertx vertx, String token, String forwardedFor) {
    var options = TestBrowser.options(port, token, ORIGIN);
    options.addHeader("X-Forwarded-For", forwardedFor);
    return TestBrowser.refusal(vertx, options).await();
  }

  @Test
  void silentConnectionsAreClosedAtTheHandshakeDeadline(Vertx vertx) {
    long started = System.nanoTime();
    RawWebSocket silent = RawWebSocket.connect(vertx, raw, port, null).await();
    silent.closed.future().await();
    long millis = (System.nanoTime() - started) / 1_000_000;
    assertTrue(millis >= 400 && millis < 5000, "closed after " + millis + " ms");
  }

  @Test
  void oversizedHeadersGet431(Vertx vertx) {
    RawWebSocket big = RawWebSocket.connect(vertx, raw, port,
      RawWebSocket.upgrade("/websockify?token=host:desk", "X-Filler: " + "a".repeat(4000) + "\r\n")).await();
    assertTrue(big.response.future().await().startsWith("HTTP/1.1 431"), "request header fields too large");
  }

  @Test
  void oversizedBrowserMessagesClose1009(Vertx vertx) {
    RawWebSocket session = RawWebSocket.connect(vertx, raw, port,
      RawWebSocket.upgrade("/websockify?token=host:desk:big:jti-big", "X-Forwarded-For: 198.51.100.30\r\n")).await();
    assertTrue(session.response.future().await().startsWith("HTTP/1.1 101"));
    session.sendBinary(Buffer.buffer(new byte[8192]));
    assertEquals(1009, session.closeCode.future().await());
  }

  /** A session whose relay runs: the desktop's banner has come through. */
  private static RawWebSocket relaying(Vertx vertx, String name, String forwardedFor) {
    RawWebSocket session = RawWebSocket.connect(vertx, raw, port, RawWebSocket.upgrade(
      "/websockify?token=host:desk:" + name + ":jti-" + name, "X-Forwarded-For: " + forwardedFor + "\r\n")).await();
    assertEquals("RFB 003.008\n", session.firstData.future().await().toString(), "the relay runs");
    return session;
  }

  @Test
  void oversizedMessagesMadeOfSmallFragmentsClose1009(Vertx vertx) {
    RawWebSocket session = relaying(vertx, "frag", "198.51.100.31");
    // Each fragment is under the 4096-byte cap; the message they make is not.
    session.sendFrame(0x02, Buffer.buffer(new byte[2000]));
    session.sendFrame(0x00, Buffer.buffer(new byte[2000]));
    session.sendFrame(0x80, Buffer.buffer(new byte[2000]));
    assertEquals(1009, session.closeCode.future().await());
  }

  @Test
  void oversizedFrameAfterTheFirstMessageCloses1009(Vertx vertx) {
    RawWebSocket session = relaying(vertx, "later", "198.51.100.32");
    // The first message is read by Netty's decoder, the next by the gateway's own (DirectPath).
    session.sendBinary(Buffer.buffer("RFB 003.008\n"));
    session.sendBinary(Buffer.buffer(new byte[8192]));
    assertEquals(1009, session.closeCode.future().await());
  }

  @Test
  void protocolViolationAfterTheFirstMessageEndsTheSession(Vertx vertx) {
    RawWebSocket session = relaying(vertx, "rsv", "198.51.100.33");
    session.sendBinary(Buffer.buffer("RFB 003.008\n"));
    session.sendFrame(0xC2, Buffer.buffer("x")); // RSV1 set, no extension was agreed
    session.closed.future().timeout(10, TimeUnit.SECONDS).await();
    assertTrue(session.closed.future().succeeded(), "the gateway closed the connection");
  }

  @Test
  void tooManyUpgradesFromOneAddressAre4429ButOtherAddressesGoOn(Vertx vertx) {
    String address = "198.51.100.7";
    int refusedForRate = 0;
    for (int i = 0; i < 10; i++) {
      Outcome outcome = refusal(vertx, "", address);
      if (outcome.closeCode() == 4429) {
        refusedForRate++;
        assertEquals("too many connection attempts, slow down", outcome.rfbReason());
      } else {
        assertEquals(4001, outcome.closeCode());
      }
    }
    assertTrue(refusedForRate >= 3, "the burst of 6 is used up: " + refusedForRate + " of 10 refused");
    assertEquals(4001, refusal(vertx, "", "198.51.100.8").closeCode(), "another client is not affected");
  }

  @Test
  void nodeCapacityIs4429(Vertx vertx) {
    WebSocket first = client.connect(TestBrowser.options(port, "host:desk:a:j-a", ORIGIN).addHeader("X-Forwarded-For", "203.0.113.1")).await();
    WebSocket second = client.connect(TestBrowser.options(port, "host:desk:b:j-b", ORIGIN).addHeader("X-Forwarded-For", "203.0.113.2")).await();
    Outcome third = refusal(vertx, "host:desk:c:j-c", "203.0.113.3");
    assertEquals(4429, third.closeCode());
    assertEquals("this gateway is full, try again shortly", third.rfbReason());
    first.close().await();
    second.close().await();
  }
}
