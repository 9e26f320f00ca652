package io.vncgate.gateway.handshake;

import io.vertx.core.http.ServerWebSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;

/**
 * Gives an accepted WebSocket's connection the direct outbound path that Vert.x's strict thread
 * mode gives the HTTP connection it came from.
 *
 * <p>Why: Vert.x 5.0 builds the upgraded connection without strict thread mode whatever the
 * server's options say, so every WebSocket keeps a thread-safe outbound queue whose first
 * chunk, 1,024 slots (about 4 KiB), lives as long as the session: with 8,000 idle sessions
 * more than a quarter of the gateway's live heap (docs/performance.md). Every write to a
 * browser happens on its connection's event loop (the reason the HTTP server runs in strict
 * thread mode), so that queue never has work to do. Vert.x has no option for it; this puts the
 * strict mode's queue in its place, by reflection, right after the upgrade, before anything is
 * written. When Vert.x's internals differ from what this expects it changes nothing and says so
 * once: the connection keeps its queue, which is correct, only larger ({@code
 * DirectOutboundTest} fails then, so an upgrade of Vert.x cannot lose this unnoticed).
 */
public final class DirectOutbound {

  private static final Logger LOG = LoggerFactory.getLogger(DirectOutbound.class);
  private static final Field CONNECTION;
  private static final Field QUEUE;
  private static final Constructor<?> DIRECT_QUEUE;

  static {
    Field connection = null;
    Field queue = null;
    Constructor<?> direct = null;
    try {
      Class<?> webSocket = Class.forName("io.vertx.core.http.impl.WebSocketImplBase");
      Class<?> vertxConnection = Class.forName("io.vertx.core.net.impl.VertxConnection");
      connection = webSocket.getDeclaredField("conn");
      queue = vertxConnection.getDeclaredField("outboundMessageQueue");
      direct = Class.forName("io.vertx.core.net.impl.VertxConnection$DirectOutboundMessageQueue")
        .getDeclaredConstructor(vertxConnection);
      connection.setAccessible(true);
      queue.setAccessible(true);
      direct.setAccessible(true);
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.warn("WebSocket connections keep Vert.x's thread-safe outbound queue (about 4 KiB each): {}", e.toString());
      connection = null;
    }
    CONNECTION = connection;
    QUEUE = queue;
    DIRECT_QUEUE = direct;
  }

  private DirectOutbound() {
  }

  /**
   * Call on the WebSocket's event loop before anything is written to it.
   *
   * @return whether the connection now writes directly
   */
  public static boolean apply(ServerWebSocket ws) {
    if (CONNECTION == null) {
      return false;
    }
    try {
      Object connection = CONNECTION.get(ws);
      QUEUE.set(connection, DIRECT_QUEUE.newInstance(connection));
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }

  /** The connection's outbound queue's class, for tests. */
  static String queueOf(ServerWebSocket ws) throws ReflectiveOperationException {
    return QUEUE.get(CONNECTION.get(ws)).getClass().getSimpleName();
  }
}
