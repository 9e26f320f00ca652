package io.vncgate.gateway;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.net.NetServer;
import io.vertx.junit5.VertxExtension;
import io.vncgate.gateway.TestBrowser.Outcome;
import io.vncgate.shared.bus.Destination;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A desktop that requires VNC Authentication, with its password stored in the registry: the
 * gateway logs in itself and the browser is offered no password prompt (security type None).
 */
@ExtendWith(VertxExtension.class)
class StoredPasswordTest {

  private static final String PASSWORD = "pa55word";
  private static final byte[] CHALLENGE = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private static final FakeServices services = new FakeServices();
  private static int port;
  private static WebSocketClient client;
  private static final Promise<Buffer> afterLogin = Promise.promise();

  @BeforeAll
  static void start(Vertx vertx) {
    client = vertx.createWebSocketClient();
    services.register(vertx).await();
    NetServer desktop = vertx.createNetServer().connectHandler(socket -> {
      // A VNC server: version, types [2], challenge, result; then it records what follows.
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
    }).listen(0, "127.0.0.1").await();
    services.hosts.put("locked", new Destination("locked", "127.0.0.1", desktop.actualPort(), PASSWORD));
    services.hosts.put("wrong", new Destination("wrong", "127.0.0.1", desktop.actualPort(), "not-it"));
    port = GatewayHarness.deploy(vertx, GatewayHarness.config(Map.of()));
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
    Buffer received = Buffer.buffer();
    Promise<Void> offered = Promise.promise();
    Promise<Void> accepted = Promise.promise();
    WebSocket ws = client.connect(TestBrowser.options(port, "host:locked", "http://allowed.example")).compose(socket -> {
      socket.handler(data -> {
        received.appendBuffer(data);
        if (received.length() == 12) {
          socket.write(Buffer.buffer("RFB 003.008\n"));
        }
        if (received.length() == 14) {
          offered.tryComplete();
          socket.write(Buffer.buffer(new byte[] {1}));
        }
        if (received.length() == 18) {
          accepted.tryComplete();
          socket.write(Buffer.buffer(new byte[] {1}));
        }
      });
      return Future.succeededFuture(socket);
    }).await();
    offered.future().await();
    assertEquals("RFB 003.008\n", received.getString(0, 12));
    assertEquals(Buffer.buffer(new byte[] {1, 1}), received.getBuffer(12, 14), "only security type None is offered");
    accepted.future().await();
    assertEquals(0, received.getInt(14), "SecurityResult OK");
    assertEquals(Buffer.buffer(new byte[] {1}), afterLogin.future().await(), "the browser's ClientInit reaches the desktop");
    assertFalse(ws.isClosed());
    ws.close().await();
  }

  @Test
  void wrongStoredPasswordIsARefusalThatRevealsNothing(Vertx vertx) {
    Outcome outcome = TestBrowser.refusal(vertx, TestBrowser.options(port, "host:wrong", "http://allowed.example")).await();
    assertEquals(4502, outcome.closeCode());
    assertEquals("the desktop refused the connection", outcome.rfbReason());
  }
}
