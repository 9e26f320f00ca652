package io.vncgate.gateway.relay;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.streams.WriteStream;
import io.vncgate.shared.failure.CloseCode;
import io.vncgate.shared.failure.Refusal;

import java.util.function.Consumer;

/**
 * The browser → desktop stream, parsed into RFB client messages when a session needs to know
 * what the browser sends: in a view-only session keyboard, pointer, clipboard, resize and power
 * messages are dropped, so "view only" holds on the server and not just in noVNC's page; with an
 * idle timeout each input message marks the session active. Everything else passes unchanged,
 * with backpressure. Sessions that need neither never pay for the parsing.
 *
 * <p>The parser follows the client's side of the handshake (version, security type, ClientInit).
 * It understands security types None and VNC Authentication. A view-only stream it cannot follow
 * ends the session instead of slipping input through; an ordinary one is then passed on as it is
 * and any byte from the browser counts as activity.
 */
public final class ClientStream implements WriteStream<Buffer> {

  /** Clipboard text larger than this ends the session (noVNC never sends that much). */
  static final int MAX_CUT_TEXT = 1 << 20;

  private enum Stage { VERSION, SECURITY_TYPE, VNC_AUTH, CLIENT_INIT, MESSAGES, UNSUPPORTED }

  private final NetSocket socket;
  private final boolean viewOnly;
  private final Runnable onInput;
  private final Consumer<Refusal> violation;
  private Buffer pending = Buffer.buffer();
  private Stage stage;
  private boolean failed;
  private boolean lost;

  /**
   * @param afterHandshake the gateway already did the browser's handshake ({@link RfbAuthenticator}),
   *                       so the stream starts at ClientInit
   * @param viewOnly       drop input messages
   * @param onInput        called for each input message (and for every chunk once unparseable)
   * @param violation      ends the session when a view-only stream cannot be followed
   */
  public ClientStream(NetSocket socket, boolean afterHandshake, boolean viewOnly, Runnable onInput, Consumer<Refusal> violation) {
    this.socket = socket;
    this.viewOnly = viewOnly;
    this.onInput = onInput;
    this.violation = violation;
    this.stage = afterHandshake ? Stage.CLIENT_INIT : Stage.VERSION;
  }

  @Override
  public Future<Void> write(Buffer data) {
    if (failed) {
      return Future.failedFuture("view-only stream closed");
    }
    if (lost) {
      onInput.run();
      return socket.write(data);
    }
    pending.appendBuffer(data);
    Buffer forward = Buffer.buffer();
    int offset = 0;
    while (true) {
      int length = nextLength(offset);
      if (length < 0) {
        if (viewOnly) {
          failed = true;
          violation.accept(CloseCode.TOKEN_FORBIDDEN.refusal("view-only session: unsupported client message"));
          return Future.failedFuture("view-only violation");
        }
        // Not followable (another security type, an extension): pass everything on as it is.
        lost = true;
        onInput.run();
        forward.appendBuffer(pending, offset, pending.length() - offset);
        pending = Buffer.buffer();
        return forward.length() == 0 ? Future.succeededFuture() : socket.write(forward);
      }
      if (length == 0 || offset + length > pending.length()) {
        break;
      }
      boolean input = isInput(offset);
      if (input) {
        onInput.run();
      }
      if (!(input && viewOnly)) {
        forward.appendBuffer(pending, offset, length);
      }
      advance(offset);
      offset += length;
    }
    pending = offset == pending.length() ? Buffer.buffer() : pending.getBuffer(offset, pending.length());
    return forward.length() == 0 ? Future.succeededFuture() : socket.write(forward);
  }

  /** Length of the unit starting at {@code at}: 0 when more bytes are needed, -1 when unknown. */
  private int nextLength(int at) {
    int available = pending.length() - at;
    if (available <= 0) {
      return 0;
    }
    return switch (stage) {
      case VERSION -> 12;
      case SECURITY_TYPE, CLIENT_INIT -> 1;
      case VNC_AUTH -> 16;
      case MESSAGES -> messageLength(at, available);
      case UNSUPPORTED -> -1;
    };
  }

  private int messageLength(int at, int available) {
    int type = pending.getUnsignedByte(at);
    return switch (type) {
      case 0 -> 20;                                                        // SetPixelFormat
      case 2 -> available < 4 ? 0 : 4 + 4 * pending.getUnsignedShort(at + 2); // SetEncodings
      case 3, 150 -> 10;                                                   // FramebufferUpdateRequest, EnableContinuousUpdates
      case 4 -> 8;                                                         // KeyEvent
      case 5 -> 6;                                                         // PointerEvent
      case 6 -> cutTextLength(at, available);                              // ClientCutText
      case 248 -> available < 9 ? 0 : 9 + pending.getUnsignedByte(at + 8); // ClientFence
      case 250 -> 4;                                                       // xvp (shutdown, reboot, reset)
      case 251 -> available < 8 ? 0 : 8 + 16 * pending.getUnsignedByte(at + 6); // SetDesktopSize
      case 255 -> qemuLength(at, available);                               // QEMU client message
      default -> -1;
    };
  }

  private int cutTextLength(int at, int available) {
    if (available < 8) {
      return 0;
    }
    long text = pending.getUnsignedInt(at + 4);
    return text > MAX_CUT_TEXT ? -1 : 8 + (int) text;
  }

  private int qemuLength(int at, int available) {
    if (available < 2) {
      return 0;
    }
    int subtype = pending.getUnsignedByte(at + 1);
    if (subtype == 0) {
      return 12;                                                           // extended key event
    }
    if (subtype == 1) {                                                    // audio: enable, disable, set format
      return available < 4 ? 0 : pending.getUnsignedShort(at + 2) == 2 ? 10 : 4;
    }
    return -1;
  }

  /** Whether the unit at {@code at} is a person's input (dropped in view-only sessions). */
  private boolean isInput(int at) {
    if (stage != Stage.MESSAGES) {
      return false;
    }
    int type = pending.getUnsignedByte(at);
    return type == 4 || type == 5 || type == 6 || type == 250 || type == 251 || (type == 255 && pending.getUnsignedByte(at + 1) == 0);
  }

  private void advance(int at) {
    switch (stage) {
      case VERSION -> {
        // RFB 3.3 lets the server choose the security type, which this stream does not show.
        stage = "RFB 003.003\n".equals(pending.getString(at, at + 12, "US-ASCII")) ? Stage.UNSUPPORTED : Stage.SECURITY_TYPE;
      }
      case SECURITY_TYPE -> {
        int type = pending.getUnsignedByte(at);
        stage = type == 1 ? Stage.CLIENT_INIT : type == 2 ? Stage.VNC_AUTH : Stage.UNSUPPORTED;
      }
      case VNC_AUTH -> stage = Stage.CLIENT_INIT;
      case CLIENT_INIT -> stage = Stage.MESSAGES;
      case MESSAGES, UNSUPPORTED -> {
        // stays
      }
    }
  }

  @Override
  public Future<Void> end() {
    return socket.end();
  }

  @Override
  public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
    socket.exceptionHandler(handler);
    return this;
  }

  @Override
  public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
    socket.setWriteQueueMaxSize(maxSize);
    return this;
  }

  @Override
  public boolean writeQueueFull() {
    return socket.writeQueueFull();
  }

  @Override
  public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
    socket.drainHandler(handler);
    return this;
  }
}
