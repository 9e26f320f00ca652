package io.vncgate.gateway.relay;

import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.internal.http.WebSocketInternal;
import io.vertx.core.net.NetSocket;
import io.vertx.core.streams.WriteStream;
import io.vncgate.shared.failure.CloseCode;
import io.vncgate.shared.failure.Refusal;

import java.util.function.Consumer;

/**
 * Moves bytes between a browser's WebSocket and a desktop's TCP connection. Most sessions take
 * the fast path ({@link DirectPath}); those whose browser stream is parsed or that start after
 * the gateway's own VNC login use two Vert.x pipes, each pausing its source while the other
 * side's write queue is full, plus cross close handlers.
 *
 * <p>The pipes do not end their destination themselves: a closing desktop must close the
 * WebSocket with code 1000 and a reason, which {@code WriteStream.end()} cannot say. Everything
 * runs on the session's event loop, so no state here needs locking.
 */
public final class Relay {

  private final ServerWebSocket ws;
  private final Desktop desktop;
  private final Consumer<Refusal> onEnd;
  private boolean ended;

  private Relay(ServerWebSocket ws, Desktop desktop, Consumer<Refusal> onEnd) {
    this.ws = ws;
    this.desktop = desktop;
    this.onEnd = onEnd;
  }

  /**
   * Starts relaying. Both streams must be paused with no byte lost: fresh from the upgrade and
   * the dial, or handed over by {@link RfbAuthenticator} with its leftovers. A bare desktop
   * channel ({@link BareDialer}) is only for sessions that need neither parsing nor a login.
   *
   * @param traffic   counts the bytes each way
   * @param handshake what the gateway's own RFB handshake left over, or {@code null} when the
   *                  browser and the desktop shake hands themselves
   * @param viewOnly  drop the browser's keyboard and mouse input ({@link ClientStream})
   * @param onInput   told of each keyboard or mouse message, or {@code null} when nobody asks
   *                  (then the browser's stream is not parsed at all)
   * @param onEnd     called once when the session is over: with how the browser was told, or
   *                  {@code null} when the browser left first
   * @param maxMessageBytes the largest browser message; above it the session ends with 1009
   */
  public static Relay start(ServerWebSocket ws, Desktop desktop, Traffic traffic, RfbAuthenticator.Leftovers handshake,
                            boolean viewOnly, Runnable onInput, Consumer<Refusal> onEnd, int maxMessageBytes) {
    Relay relay = new Relay(ws, desktop, onEnd);
    boolean parse = viewOnly || onInput != null;
    if (fastPath(viewOnly, onInput != null, handshake != null)) {
      // The common session: nothing to filter or watch, and the desktop's connection untouched
      // since the dial. Bytes then skip the stream API's copies (see DirectPath).
      // Vert.x still gets the control frames, so the WebSocket reads on, answers pings, and
      // reports a frame its decoder refused as too big; its close is the browser leaving. Its
      // handler gets only the frames it read before the fast path took over.
      ws.exceptionHandler(err -> {
        if (tooBig(err)) {
          relay.end(CloseCode.MESSAGE_TOO_BIG.refusal());
        }
      });
      ws.closeHandler(v -> relay.browserGone());
      ws.handler(data -> {
        traffic.addToDesktop(data.length());
        desktop.write(data);
      });
      DirectPath.start(ws, desktop, traffic, maxMessageBytes, () -> relay.end(CloseCode.DESKTOP_ENDED.refusal()),
        () -> relay.end(CloseCode.MESSAGE_TOO_BIG.refusal()));
      return relay;
    }
    if (desktop.socket() == null) {
      throw new IllegalStateException("a bare desktop channel cannot be relayed through streams");
    }
    NetSocket socket = desktop.socket();
    WriteStream<Buffer> toDesktop = traffic.countingToDesktop(!parse ? socket
      : new ClientStream(socket, handshake != null, viewOnly, onInput != null ? onInput : () -> { }, relay::end));
    WriteStream<Buffer> toBrowser = traffic.countingToBrowser(ws);
    if (handshake != null && handshake.fromDesktop().length() > 0) {
      toBrowser.write(handshake.fromDesktop());
    }
    if (handshake != null && handshake.fromBrowser().length() > 0) {
      toDesktop.write(handshake.fromBrowser());
    }
    // A pipe completes when its source ends, and a source delivers its end only after every
    // byte it still holds: so the desktop's last bytes reach the browser before the close.
    // It also fails when the browser's side can take no more: a browser that vanished without
    // a close frame, whose close handler may run only after this (the WebSocket does not call
    // itself closed yet, its channel already is). That end is the browser's.
    socket.pipe().endOnComplete(false).to(toBrowser).onComplete(ar -> {
      if (ar.failed() && !browserConnected(ws)) {
        relay.browserGone();
      } else {
        relay.end(CloseCode.DESKTOP_ENDED.refusal());
      }
    });
    relay.followBrowser(toDesktop);
    return relay;
  }

  /**
   * Whether a session takes the fast path ({@link DirectPath}): only when the gateway reads
   * nothing of the browser's stream (not view-only, no input watched for an idle limit) and did
   * no VNC login of its own. Such a plain-TCP desktop can be dialled bare ({@link BareDialer}).
   */
  public static boolean fastPath(boolean viewOnly, boolean watchInput, boolean gatewayLogin) {
    return !viewOnly && !watchInput && !gatewayLogin;
  }

  /**
   * Pipes the browser's messages into {@code toDesktop}; the pipe's end is the session's: 1009
   * for a message over the limit, otherwise the browser's own close.
   */
  private void followBrowser(WriteStream<Buffer> toDesktop) {
    ws.pipe().endOnComplete(false).to(toDesktop).onComplete(ar -> {
      if (ar.failed() && tooBig(ar.cause())) {
        end(CloseCode.MESSAGE_TOO_BIG.refusal());
      } else {
        browserGone();
      }
    });
    // A browser that is gone cannot receive anything more, so its close ends the session at
    // once, even while its last frames wait for a desktop that is not reading. (The desktop's
    // close gets no such shortcut: its pending bytes are still worth delivering.)
    ws.closeHandler(v -> browserGone());
  }

  private static boolean browserConnected(ServerWebSocket ws) {
    return ((WebSocketInternal) ws).channelHandlerContext().channel().isActive();
  }

  /** Whether a WebSocket failure is a browser message over {@code VNCGATE_MAX_MESSAGE_BYTES}. */
  public static boolean tooBig(Throwable failure) {
    return failure instanceof CorruptedWebSocketFrameException corrupted
      && corrupted.closeStatus().code() == WebSocketCloseStatus.MESSAGE_TOO_BIG.code();
  }

  /** Ends the session, telling the browser why (kill, revocation, desktop gone, bad input). */
  public void end(Refusal refusal) {
    if (!ended) {
      ended = true;
      // Queued after any frames still in flight, so the browser sees every byte first.
      RfbRefusal.close(ws, refusal);
      desktop.close();
      onEnd.accept(refusal);
    }
  }

  private void browserGone() {
    if (!ended) {
      ended = true;
      desktop.close();
      onEnd.accept(null);
    }
  }
}
