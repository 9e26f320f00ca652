package io.vncgate.registry.health;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * One health probe: connect to the host and read the 12-byte RFB banner ({@code RFB 003.008\n}),
 * then hang up. Succeeds with nothing; fails with a short reason for {@code lastError}.
 */
public final class RfbProbe {

  private static final Pattern BANNER = Pattern.compile("RFB \\d{3}\\.\\d{3}\n");

  private final Vertx vertx;
  private final NetClient client;
  private final Duration timeout;

  /** @param client a client whose connect timeout is at most {@code timeout} */
  public RfbProbe(Vertx vertx, NetClient client, Duration timeout) {
    this.vertx = vertx;
    this.client = client;
    this.timeout = timeout;
  }

  public Future<Void> probe(String host, int port) {
    return client.connect(port, host)
      .recover(err -> Future.failedFuture("connect failed: " + message(err)))
      .compose(socket -> {
        Promise<Void> result = Promise.promise();
        Buffer banner = Buffer.buffer(12);
        long timer = vertx.setTimer(timeout.toMillis(), t -> result.tryFail("no RFB banner within " + timeout.toMillis() + " ms"));
        socket.handler(data -> {
          banner.appendBuffer(data);
          if (banner.length() >= 12) {
            if (BANNER.matcher(banner.getString(0, 12, "US-ASCII")).matches()) {
              result.tryComplete();
            } else {
              result.tryFail("not an RFB server (no RFB banner)");
            }
          }
        });
        socket.closeHandler(v -> result.tryFail("closed before the RFB banner"));
        return result.future().onComplete(ar -> {
          vertx.cancelTimer(timer);
          socket.close();
        });
      });
  }

  private static String message(Throwable err) {
    String text = err.getMessage() == null ? err.getClass().getSimpleName() : err.getMessage();
    // Netty prefixes the address; the host is shown next to the error already.
    int colon = text.indexOf(": ");
    return colon > 0 && text.startsWith("Connection") ? text.substring(0, colon).toLowerCase() : text;
  }
}
