package io.vncgate.gateway;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import io.vertx.junit5.VertxExtension;
import io.vncgate.gateway.TestBrowser.Outcome;
import io.vncgate.shared.bus.Destination;
import io.vncgate.testkit.BrowserSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A desktop that requires VNC Authentication, with its password stored in the registry: the
 * gateway logs in itself and the browser is offered no password prompt (security type None).
 */
@ExtendWith(VertxExtension.class)
class StoredPasswordTest {

  private static final String PASSWORD = "pa55word";
  private static final byte[] CHALLENGE = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  /** How long the second gateway gives a login; the first gives far more, as a busy machine may be slow. */
  private static final long SHORT_LOGIN_MILLIS = 300;
  private static final FakeServices services = new FakeServices();
  private static int port;
  private static int hastyPort;
  private static WebSocketClient client;
  private static final Promise<Buffer> afterLogin = Promise.promise();
  private static final Promise<Void> muteDesktopClosed = Promise.promise();
  private static final Promise<Void> waitingDesktopClosed = Promise.promise();

  @BeforeAll
  static void start(Vertx vertx) {
    client = vertx.createWebSocketClient();
    services.register(vertx).await();
    NetServer desktop = vertx.createNetServer().connectHandler(StoredPasswordTest::vncAuthServer).listen(0, "127.0.0.1").await();
    // A desktop that accepts the connection and then says nothing, not even its version.
    NetServer mute = vertx.createNetServer().connectHandler(socket -> socket.closeHandler(v -> muteDesktopClosed.tryComplete()))
      .listen(0, "127.0.0.1").await();
    // The same desktop, on a server of its own so a test can see its connection end.
    NetServer waiting = vertx.createNetServer().connectHandler(socket -> {
      vncAuthServer(socket);
      socket.closeHandler(v -> waitingDesktopClosed.tryComplete());
    }).listen(0, "127.0.0.1").await();
    services.hosts.put("locked", new Destination("locked", "127.0.0.1", desktop.actualPort(), PASSWORD));
    services.hosts.put("waiting", new Destination("waiting", "127.0.0.1", waiting.actualPort(), PASSWORD));
    services.hosts.put("wrong", new Destination("wrong", "127.0.0.1", desktop.actualPort(), "not-it"));
    services.hosts.put("mute", new Destination("mute", "127.0.0.1", mute.actualPort(), PASSWORD));
    port = GatewayHarness.deploy(vertx, GatewayHarness.config(Map.of("CONNECT_TIMEOUT_MS", "60000")));
    hastyPort = GatewayHarness.deploy(vertx, GatewayHarness.config(Map.of("CONNECT_TIMEOUT_MS", Long.toString(SHORT_LOGIN_MILLIS))));
  }

  /** A VNC server: version, types [2], challenge, result; then it records what follows. */
  private static void vncAuthServer(NetSocket socket) {
    Buffer in = Buffer.buffer();
    int[] stage = {0};
    socket.handler(data -> {
      in.appendBuffer(data);
      if (stage[0] == 0 && in.length() >= 12) {
        stage[0] = 1;
        socket.write(Buffer.buffer(new byte[] {1, 2}));
      } else if (stage[0] == 1 && in.length() >= 13) {
        stage[0] = 2;
        socket.write(Buffer.buffer(CHALLENGE));
      } else if (stage[0] == 2 && in.length() >= 29) {
        stage[0] = 3;
        boolean ok = Arrays.equals(in.getBytes(13, 29), expectedResponse(PASSWORD));
        socket.write(Buffer.buffer().appendInt(ok ? 0 : 1).appendInt(ok ? 0 : 6).appendString(ok ? "" : "failed"));
        if (!ok) {
          socket.close();
        }
      } else if (stage[0] == 3 && in.length() > 29) {
        afterLogin.tryComplete(in.getBuffer(29, in.length()));
      }
    });
    socket.write(Buffer.buffer("RFB 003.008\n"));
  }

  /** The VNC Authentication response, computed here independently of the gateway's code. */
  private static byte[] expectedResponse(String password) {
    try {
      byte[] key = Arrays.copyOf(password.getBytes(StandardCharsets.ISO_8859_1), 8);
      for (int i = 0; i < 8; i++) {
        int b = key[i] & 0xff;
        int reversed = 0;
        for (int bit = 0; bit < 8; bit++) {
          reversed |= ((b >> bit) & 1) << (7 - bit);
        }
        key[i] = (byte) reversed;
      }
      Cipher des = Cipher.getInstance("DES/ECB/NoPadding");
      des.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "DES"));
      return des.doFinal(CHALLENGE);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void gatewayLogsInAndTheBrowserNeedsNoPassword() {
    BrowserSocket browser = BrowserSocket.connect(client, TestBrowser.options(port, "host:locked", "http://allowed.example")).await();
    assertEquals("RFB 003.008\n", browser.read(12).await().toString());
    browser.socket().write(Buffer.buffer("RFB 003.008\n"));
    assertEquals(Buffer.buffer(new byte[] {1, 1}), browser.read(2).await(), "only security type None is offered");
    browser.socket().write(Buffer.buffer(new byte[] {1}));
    assertEquals(0, browser.read(4).await().getInt(0), "SecurityResult OK");
    browser.socket().write(Buffer.buffer(new byte[] {1}));
    assertEquals(Buffer.buffer(new byte[] {1}), afterLogin.future().timeout(30, TimeUnit.SECONDS).await(), "the browser's ClientInit reaches the desktop");
    assertFalse(browser.socket().isClosed());
    browser.socket().close().await();
  }

  @Test
  void wrongStoredPasswordIsARefusalThatRevealsNothing(Vertx vertx) {
    Outcome outcome = TestBrowser.refusal(vertx, TestBrowser.options(port, "host:wrong", "http://allowed.example")).await();
    assertEquals(4502, outcome.closeCode());
    assertEquals("the desktop refused the connection", outcome.rfbReason());
  }

  @Test
  void aDesktopThatNeverAnswersIsGivenUpAfterTheConnectTimeout(Vertx vertx) {
    long start = System.nanoTime();
    Outcome outcome = TestBrowser.refusal(vertx, TestBrowser.options(hastyPort, "host:mute", "http://allowed.example")).await();
    long tookMillis = (System.nanoTime() - start) / 1_000_000;
    assertEquals(4502, outcome.closeCode());
    assertEquals("the desktop refused the connection", outcome.rfbReason());
    assertTrue(tookMillis >= SHORT_LOGIN_MILLIS, "refused after " + tookMillis + " ms, before the login time was up");
    muteDesktopClosed.future().await();
  }

  @Test
  void aBrowserThatStallsInTheHandshakeIsClosedAfterTheConnectTimeout() {
    long start = System.nanoTime();
    // It reads the gateway's version and never answers it.
    BrowserSocket browser = BrowserSocket.connect(client, TestBrowser.options(hastyPort, "host:waiting", "http://allowed.example"))
      .await();
    browser.closed().timeout(30, TimeUnit.SECONDS).await();
    long tookMillis = (System.nanoTime() - start) / 1_000_000;
    assertEquals("4408 the RFB handshake took too long", browser.closing());
    assertEquals(Buffer.buffer("RFB 003.008\n"), browser.received(), "the browser got the version and nothing after it");
    assertTrue(tookMillis >= SHORT_LOGIN_MILLIS, "closed after " + tookMillis + " ms, before the login time was up");
    waitingDesktopClosed.future().timeout(30, TimeUnit.SECONDS).await();
  }

  @Test
  void aBrowserThatSpeaksNoRfbIsClosedWithoutASecondGreeting() {
    BrowserSocket browser = BrowserSocket.connect(client, TestBrowser.options(port, "host:locked", "http://allowed.example")).await();
    assertEquals("RFB 003.008\n", browser.read(12).await().toString());
    browser.socket().write(Buffer.buffer("HELLO THERE\n"));
    browser.closed().timeout(30, TimeUnit.SECONDS).await();
    assertEquals("4502 the RFB handshake failed", browser.closing());
    assertEquals(Buffer.buffer("RFB 003.008\n"), browser.received(), "the browser got the version once and nothing after it");
  }
}
