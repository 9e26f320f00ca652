package io.vncgate.gateway;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vncgate.testkit.BrowserSocket;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A WebSocket client that behaves like noVNC at the start of a session: it answers the
 * server's RFB version and reads what follows, until the server closes.
 */
final class TestBrowser {

  /** What a refused client saw: the RFB reason and the close frame. */
  record Outcome(String serverVersion, String rfbReason, int closeCode, String closeReason) {
  }

  static WebSocketConnectOptions options(int port, String token, String origin) {
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
      .setURI(token == null ? "/websockify" : "/websockify?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
    if (origin != null) {
      options.addHeader("Origin", origin);
    } else {
      options.setAllowOriginHeader(false);
    }
    return options;
  }

  static Future<Outcome> refusal(Vertx vertx, WebSocketConnectOptions options) {
    WebSocketClient client = vertx.createWebSocketClient();
    return BrowserSocket.connect(client, options).compose(browser -> {
      browser.read(12).onSuccess(version -> browser.socket().write(Buffer.buffer("RFB 003.008\n")));
      return browser.closed().map(v -> parse(browser.received(), browser.socket()));
    }).eventually(client::close);
  }

  private static Outcome parse(Buffer received, WebSocket ws) {
    String version = received.length() >= 12 ? received.getString(0, 12, "US-ASCII") : null;
    String reason = null;
    if (received.length() >= 17 && received.getByte(12) == 0) {
      int length = received.getInt(13);
      reason = new String(received.getBytes(17, 17 + length), StandardCharsets.UTF_8);
    }
    return new Outcome(version, reason, ws.closeStatusCode() == null ? -1 : ws.closeStatusCode(), ws.closeReason());
  }
}
