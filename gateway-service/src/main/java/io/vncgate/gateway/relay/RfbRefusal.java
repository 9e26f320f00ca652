package io.vncgate.gateway.relay;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vncgate.shared.failure.Refusal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Refuses a session so that a person can read why. Browsers hide handshake statuses and noVNC
 * shows close codes only in its console, but it does show an RFB security failure. So the
 * gateway plays the first steps of an RFB server: it sends {@code RFB 003.008\n}, reads the
 * client's 12-byte version, answers "no security types" with the reason, then closes the
 * WebSocket with the refusal's code and the same reason.
 */
public final class RfbRefusal {

  static final Buffer SERVER_VERSION = Buffer.buffer("RFB 003.008\n", "US-ASCII");
  private static final int VERSION_LENGTH = 12;

  private RfbRefusal() {
  }

  /**
   * @param ws   an accepted, paused WebSocket
   * @param wait how long the client gets to send its version before the socket is just closed
   */
  public static void send(Vertx vertx, ServerWebSocket ws, Refusal refusal, Duration wait) {
    Buffer received = Buffer.buffer(VERSION_LENGTH);
    long timer = vertx.setTimer(Math.max(1, wait.toMillis()), t -> close(ws, refusal));
    ws.handler(data -> {
      if (received.length() >= VERSION_LENGTH) {
        return;
      }
      received.appendBuffer(data);
      if (received.length() >= VERSION_LENGTH) {
        vertx.cancelTimer(timer);
        ws.write(failure(received.getString(0, VERSION_LENGTH, "US-ASCII"), refusal.reason()));
        close(ws, refusal);
      }
    });
    ws.closeHandler(v -> vertx.cancelTimer(timer));
    ws.write(SERVER_VERSION);
    ws.resume();
  }

  /**
   * RFB 3.7 and 3.8 clients read: u8 number of security types (0), u32 reason length, reason.
   * RFB 3.3 clients read a u32 security type chosen by the server (0 = failure), then the reason.
   */
  static Buffer failure(String clientVersion, String reason) {
    byte[] text = reason.getBytes(StandardCharsets.UTF_8);
    Buffer buffer = Buffer.buffer(9 + text.length);
    if ("RFB 003.003\n".equals(clientVersion)) {
      buffer.appendInt(0);
    } else {
      buffer.appendByte((byte) 0);
    }
    return buffer.appendInt(text.length).appendBytes(text);
  }

  /**
   * Closes with the refusal's code and reason, unless the browser has gone; for a browser past
   * the RFB version (or in a relayed session) this close is all it can still be told.
   */
  public static void close(ServerWebSocket ws, Refusal refusal) {
    if (!ws.isClosed()) {
      ws.close((short) refusal.code().code(), refusal.reason());
    }
  }
}
