package io.vncgate.gateway.relay;

import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.RecvByteBufAllocator;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * How much a relayed connection takes from its socket in one read: up to {@link #MAX_READ_BYTES},
 * where Netty stops at 64 KiB. Frames to the browser stay at most {@link DirectPath#FRAME_BYTES}.
 *
 * <p>Why: what the relay pays for a gigabyte is mostly per round of its event loop, not per
 * byte. Each round wakes the thread, reads, and writes one batch into the other socket, and the
 * kernel's TCP work for both connections (waking their peers, acknowledging) runs on that thread.
 * While a browser drains what the relay wrote, the desktop's bytes pile up in the desktop's
 * socket; one large read takes the whole pile in one round. Measured with the bench, one stream
 * through the gateway (docs/performance.md): 0.51–0.80 → 0.36–0.44 s of gateway CPU per GB
 * downstream, 0.52–0.72 → 0.41–0.43 upstream. Reads of 256 KiB changed nothing (the rounds
 * were no fewer), and neither did a pooled allocator; larger water marks made it worse (the
 * relay then keeps pace with the desktop and handles every packet in a round of its own).
 *
 * <p>Netty fixes a channel's read sizing at its first read, so this is applied before it: when a
 * desktop is dialled, and as the HTTP server hands over a browser's connection (for TLS
 * connections Vert.x does that after the TLS handshake, so they keep Netty's sizing).
 */
public final class RelayReads {

  /** The largest read: the size at which the bench's rounds per gigabyte fell (and 4 MiB cost more at ten streams). */
  public static final int MAX_READ_BYTES = 1024 * 1024;

  /**
   * Netty's adaptive sizing with a higher ceiling: a read grows while reads fill their buffer and
   * shrinks after small ones, so an idle or interactive session keeps small buffers. Shared: Netty
   * makes a sizing handle per channel.
   */
  static final RecvByteBufAllocator SIZING = new AdaptiveRecvByteBufAllocator(64, 2048, MAX_READ_BYTES);

  private RelayReads() {
  }

  /** Sizes a browser's connection's reads; call as the HTTP server reports the connection. */
  public static void apply(HttpConnection connection) {
    if (connection instanceof ConnectionBase base) {
      base.channel().config().setRecvByteBufAllocator(SIZING);
    }
  }
}
