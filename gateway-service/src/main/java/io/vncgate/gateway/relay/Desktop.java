package io.vncgate.gateway.relay;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.internal.net.NetSocketInternal;

/**
 * A session's connection to its desktop: either a bare Netty channel ({@link BareDialer}, for
 * sessions the fast path relays from the first byte) or a Vert.x {@code NetSocket} (TLS
 * desktops, and sessions whose streams the gateway reads: its own VNC login, view-only
 * filtering, idle tracking).
 */
public final class Desktop {

  private final Channel channel;
  private final NetSocket socket;

  private Desktop(Channel channel, NetSocket socket) {
    this.channel = channel;
    this.socket = socket;
  }

  public static Desktop bare(Channel channel) {
    return new Desktop(channel, null);
  }

  public static Desktop of(NetSocket socket) {
    return new Desktop(((NetSocketInternal) socket).channelHandlerContext().channel(), socket);
  }

  /** The Vert.x socket, or {@code null} for a bare channel. */
  public NetSocket socket() {
    return socket;
  }

  Channel channel() {
    return channel;
  }

  /**
   * The name of Vert.x's handler in the channel's pipeline, which the fast path's handler must
   * precede (after any TLS handler); {@code null} for a bare channel, where it goes last.
   */
  String vertxHandlerName() {
    return socket == null ? null : ((NetSocketInternal) socket).channelHandlerContext().name();
  }

  /** Writes to the desktop, outside the fast path's own writes (rare: a few handshake bytes). */
  void write(Buffer data) {
    if (socket != null) {
      socket.write(data);
    } else {
      channel.writeAndFlush(Unpooled.wrappedBuffer(data.getBytes()), channel.voidPromise());
    }
  }

  /** Closes the connection (through Vert.x when it owns it, so TLS ends properly). */
  public void close() {
    if (socket != null) {
      socket.close();
    } else {
      channel.close();
    }
  }
}
