package io.vncgate.gateway.relay;

import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.net.NetSocket;
import io.vncgate.shared.failure.CloseCode;

import java.util.function.Consumer;

/**
 * Moves bytes between a browser's WebSocket and a desktop's TCP socket: two pipes, each pausing
 * its source while the other side's write queue is full, plus cross close handlers.
 *
 * <p>The pipes do not end their destination themselves: a closing desktop must close the
 * WebSocket with code 1000 and a reason, which {@code WriteStream.end()} cannot say.
 */
public final class Relay {

  private final ServerWebSocket ws;
  private final NetSocket socket;
  private final Consumer<CloseCode> onEnd;
  private boolean ended;

  private Relay(ServerWebSocket ws, NetSocket socket, Consumer<CloseCode> onEnd) {
    this.ws = ws;
    this.socket = socket;
    this.onEnd = onEnd;
  }

  /**
   * Starts relaying. The WebSocket must still be paused and the socket fresh from
   * {@code connect}, so no byte is lost on either side. Everything runs on the session's
   * event loop, so no state here needs locking.
   *
   * @param onEnd called once when the session is over: with the close code the browser got,
   *              or {@code null} when the browser left first
   */
  public static void start(ServerWebSocket ws, NetSocket socket, Consumer<CloseCode> onEnd) {
    Relay relay = new Relay(ws, socket, onEnd);
    // A pipe completes when its source ends, and a source delivers its end only after every
    // byte it still holds: so the desktop's last bytes reach the browser before the close.
    socket.pipe().endOnComplete(false).to(ws).onComplete(ar -> relay.desktopGone());
    ws.pipe().endOnComplete(false).to(socket).onComplete(ar -> relay.browserGone());
    // A browser that is gone cannot receive anything more, so its close ends the session at
    // once, even while its last frames wait for a desktop that is not reading. (The desktop's
    // close gets no such shortcut: its pending bytes are still worth delivering.)
    ws.closeHandler(v -> relay.browserGone());
  }

  private void desktopGone() {
    if (!ended) {
      ended = true;
      if (!ws.isClosed()) {
        // Queued after any frames still in flight, so the browser sees every byte first.
        ws.close((short) CloseCode.DESKTOP_ENDED.code(), CloseCode.DESKTOP_ENDED.reason());
      }
      onEnd.accept(CloseCode.DESKTOP_ENDED);
    }
  }

  private void browserGone() {
    if (!ended) {
      ended = true;
      socket.close();
      onEnd.accept(null);
    }
  }
}
