package io.vncgate.gateway.handshake;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.SocketAddress;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The handshake deadline: a new connection must deliver its first request (an upgrade or a page
 * request) within {@code VNCGATE_HANDSHAKE_TIMEOUT_MS}, or it is closed, so slow or silent
 * clients cannot hold connections open. One per event loop; connections are known by their
 * address pair, which is unique while they are open.
 */
public final class Deadlines {

  private final Vertx vertx;
  private final long millis;
  private final Map<String, Long> pending = new HashMap<>();

  public Deadlines(Vertx vertx, Duration deadline) {
    this.vertx = vertx;
    this.millis = deadline.toMillis();
  }

  /** Starts the clock for a new connection. */
  public void started(HttpConnection connection) {
    String key = key(connection.remoteAddress(), connection.localAddress());
    long timer = vertx.setTimer(millis, t -> {
      if (pending.remove(key) != null) {
        connection.close();
      }
    });
    pending.put(key, timer);
    connection.closeHandler(v -> cancel(key));
  }

  /** The connection delivered a request in time. */
  public void met(SocketAddress remote, SocketAddress local) {
    cancel(key(remote, local));
  }

  private void cancel(String key) {
    Long timer = pending.remove(key);
    if (timer != null) {
      vertx.cancelTimer(timer);
    }
  }

  private static String key(SocketAddress remote, SocketAddress local) {
    return remote + "|" + local;
  }
}
