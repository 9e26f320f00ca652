package io.vncgate.gateway.relay;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.impl.buffer.VertxByteBufAllocator;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.internal.http.WebSocketInternal;
import io.vertx.core.net.NetClientOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dials a desktop as a bare Netty channel, for sessions the fast path ({@link DirectPath})
 * relays from the first byte: plain TCP, no gateway-side login, nothing to parse.
 *
 * <p>Why not Vert.x's {@code NetClient}: its {@code NetSocket} allocates per connection a write
 * queue (a 1,024-slot array, about 4 KiB) and an inbound queue that the fast path never uses,
 * since it writes to the channel directly. With thousands of mostly idle sessions per node that
 * is a fifth of a session's memory (docs/performance.md). The channel is set up as Vert.x would
 * (its transport, pooled allocator, asynchronous name resolver, the client options), on the
 * browser's event loop, so both channels of a session share one thread.
 */
public final class BareDialer {

  private static final Logger LOG = LoggerFactory.getLogger(BareDialer.class);

  private final VertxInternal vertx;
  private final NetClientOptions options;

  public BareDialer(Vertx vertx, NetClientOptions options) {
    this.vertx = (VertxInternal) vertx;
    this.options = options;
  }

  /**
   * Connects to {@code host:port} within the options' connect timeout. The channel does not
   * read until the fast path starts it. Must run on the session's event loop.
   */
  public Future<Desktop> dial(ServerWebSocket ws, String host, int port) {
    return dial(((WebSocketInternal) ws).channelHandlerContext().channel().eventLoop(), host, port);
  }

  /** Connects to {@code host:port} on {@code loop}, the event loop the channel will belong to. */
  Future<Desktop> dial(EventLoop loop, String host, int port) {
    Promise<Desktop> promise = ((ContextInternal) vertx.getOrCreateContext()).promise();
    ChannelFuture connecting = bootstrap(loop).connect(host, port);
    connecting.addListener(done -> {
      if (done.isSuccess()) {
        promise.complete(Desktop.bare(connecting.channel()));
      } else {
        promise.fail(done.cause());
      }
    });
    return promise.future();
  }

  /** A desktop channel's set-up, options included, before it connects. */
  Bootstrap bootstrap(EventLoop loop) {
    Bootstrap bootstrap = new Bootstrap()
      .group(loop)
      .channelFactory(vertx.transport().channelFactory(false))
      .resolver(vertx.nameResolver().nettyAddressResolverGroup())
      .option(ChannelOption.ALLOCATOR, VertxByteBufAllocator.POOLED_ALLOCATOR)
      .option(ChannelOption.AUTO_READ, false)
      .handler(CloseOnError.INSTANCE);
    vertx.transport().configure(options, options.getConnectTimeout(), false, bootstrap);
    // Before the channel's first read, the only time Netty takes it (RelayReads).
    return bootstrap.option(ChannelOption.RCVBUF_ALLOCATOR, RelayReads.SIZING);
  }

  /**
   * First in a bare channel's pipeline: a failing desktop connection (reset, for example) is
   * closed, which the relay sees as the desktop ending the session.
   */
  @ChannelHandler.Sharable
  private static final class CloseOnError extends ChannelInboundHandlerAdapter {

    static final CloseOnError INSTANCE = new CloseOnError();

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      LOG.debug("desktop connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
      ctx.close();
    }
  }
}
