package io.vncgate.gateway.relay;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.net.NetSocket;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Logs in to a desktop with its stored password, so the password never reaches the browser
 * (the pattern of OpenStack Nova's RFB security proxy). The gateway plays the client towards
 * the desktop (VNC Authentication, or None when that is all it offers), then the server
 * towards the browser, offering only security type None. After that both sides are at
 * ClientInit and the relay takes over.
 *
 * <p>When the desktop refuses, the browser has been sent nothing yet, so the caller can still
 * refuse it readably; the reason never says what the desktop answered. Both handshakes together
 * are bounded, so neither a silent desktop nor a browser that stops answering holds the
 * session's connections open.
 */
public final class RfbAuthenticator {

  private static final int NONE = 1;
  private static final int VNC_AUTH = 2;

  /** Bytes each side sent beyond the handshake, to be relayed first. */
  public record Leftovers(Buffer fromDesktop, Buffer fromBrowser) {
  }

  /**
   * A login that failed. Before the browser was greeted it has been sent nothing and can still
   * be refused readably; after, it is past the RFB version and can only be closed.
   */
  public static final class LoginFailure extends RuntimeException {

    private final boolean browserGreeted;
    private final boolean timedOut;

    LoginFailure(String message, boolean browserGreeted, boolean timedOut) {
      super(message, null, false, false);
      this.browserGreeted = browserGreeted;
      this.timedOut = timedOut;
    }

    public boolean browserGreeted() {
      return browserGreeted;
    }

    public boolean timedOut() {
      return timedOut;
    }
  }

  private RfbAuthenticator() {
  }

  /**
   * Runs both handshakes within {@code limit}; fails with a {@link LoginFailure}, its message a
   * reason for the log, when the desktop cannot be logged in to or either side is too slow. On
   * failure both streams are left paused without handlers, for the caller to close.
   */
  public static Future<Leftovers> authenticate(Vertx vertx, ServerWebSocket ws, NetSocket socket, String password,
                                               Duration limit) {
    Promise<Leftovers> result = Promise.promise();
    StreamReader desktop = new StreamReader(socket);
    StreamReader[] browser = {null};
    // A timer of this event loop, not Future.timeout: the readers' promises belong to no
    // context, so that one would fire on Netty's global executor, off the session's loop.
    long timer = vertx.setTimer(limit.toMillis(), t -> result.tryFail(new LoginFailure(
      (browser[0] == null ? "the desktop did not finish" : "the browser did not finish") + " the RFB handshake within "
        + limit.toMillis() + " ms", browser[0] != null, true)));
    loginToDesktop(desktop, socket, password)
      .compose(v -> {
        Buffer fromDesktop = desktop.release();
        browser[0] = new StreamReader(ws);
        return greetBrowser(browser[0], ws).map(w -> new Leftovers(fromDesktop, browser[0].release()));
      })
      .onComplete(ar -> {
        vertx.cancelTimer(timer);
        if (ar.succeeded()) {
          result.tryComplete(ar.result());
        } else {
          result.tryFail(new LoginFailure(ar.cause().getMessage(), browser[0] != null, false));
        }
      });
    return result.future().onFailure(err -> {
      desktop.release();
      if (browser[0] != null) {
        browser[0].release();
      }
    });
  }

  private static Future<Void> loginToDesktop(StreamReader in, NetSocket out, String password) {
    return in.read(12).compose(version -> {
      int minor = minor(version);
      if (minor < 0) {
        return Future.failedFuture("not an RFB server");
      }
      int speak = minor >= 8 ? 8 : minor == 7 ? 7 : 3;
      out.write(Buffer.buffer(String.format("RFB 003.%03d\n", speak), "US-ASCII"));
      Future<Integer> type = speak == 3 ? in.read(4).compose(t -> t.getInt(0) == 0 ? reason(in) : Future.succeededFuture(t.getInt(0)))
        : in.read(1).compose(n -> n.getUnsignedByte(0) == 0 ? reason(in) : in.read(n.getUnsignedByte(0)).map(types -> {
          int chosen = choose(types, password != null);
          out.write(Buffer.buffer(1).appendByte((byte) chosen));
          return chosen;
        }));
      return type.compose(chosen -> switch (chosen) {
        case VNC_AUTH -> in.read(16).compose(challenge -> {
          out.write(Buffer.buffer(VncAuth.response(password == null ? "" : password, challenge.getBytes())));
          return securityResult(in, speak);
        });
        case NONE -> speak == 8 ? securityResult(in, speak) : Future.<Void>succeededFuture();
        default -> Future.failedFuture("the desktop offers no security type the gateway can use (" + chosen + ")");
      });
    });
  }

  private static int choose(Buffer types, boolean havePassword) {
    boolean none = false;
    boolean vncAuth = false;
    for (int i = 0; i < types.length(); i++) {
      none |= types.getUnsignedByte(i) == NONE;
      vncAuth |= types.getUnsignedByte(i) == VNC_AUTH;
    }
    return havePassword && vncAuth ? VNC_AUTH : none ? NONE : vncAuth ? VNC_AUTH : -1;
  }

  private static Future<Void> securityResult(StreamReader in, int speak) {
    return in.read(4).compose(result -> {
      if (result.getInt(0) == 0) {
        return Future.succeededFuture();
      }
      return speak == 8 ? reason(in).mapEmpty() : Future.failedFuture("the desktop refused the stored password");
    });
  }

  private static <T> Future<T> reason(StreamReader in) {
    return in.read(4).compose(length -> in.read((int) Math.min(length.getUnsignedInt(0), 4096)))
      .compose(text -> Future.failedFuture("the desktop refused: " + text.toString(StandardCharsets.UTF_8)));
  }

  /** Towards the browser the gateway is an RFB 3.8 server whose only security type is None. */
  private static Future<Void> greetBrowser(StreamReader in, ServerWebSocket out) {
    out.write(RfbRefusal.SERVER_VERSION);
    return in.read(12).compose(version -> {
      int minor = minor(version);
      if (minor == 3) {
        out.write(Buffer.buffer(4).appendInt(NONE));
        return Future.succeededFuture();
      }
      if (minor < 7) {
        return Future.failedFuture("the browser does not speak RFB");
      }
      out.write(Buffer.buffer(2).appendByte((byte) 1).appendByte((byte) NONE));
      return in.read(1).compose(choice -> {
        if (choice.getUnsignedByte(0) != NONE) {
          return Future.failedFuture("the browser chose security type " + choice.getUnsignedByte(0));
        }
        if (minor >= 8) {
          out.write(Buffer.buffer(4).appendInt(0));
        }
        return Future.succeededFuture();
      });
    });
  }

  /** The minor version of {@code RFB 003.00x\n}, or -1. */
  private static int minor(Buffer version) {
    String text = version.toString(StandardCharsets.US_ASCII);
    if (!text.matches("RFB 003\\.\\d{3}\n")) {
      return -1;
    }
    return Integer.parseInt(text.substring(8, 11));
  }
}
