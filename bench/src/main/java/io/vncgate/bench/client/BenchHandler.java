package io.vncgate.bench.client;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.vncgate.bench.Rfb;
import io.vncgate.bench.ws.Ready;
import io.vncgate.bench.ws.WsClosed;
import io.vncgate.bench.ws.WsControl;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The part every scenario's connection shares: it waits for the backend's banner, so
 * {@link #opened()} completes only once the whole path (handshake, token check, registry
 * lookup, dial) has delivered the desktop's first bytes. A different banner means the gateway
 * refused the session: the handler answers with an RFB version so that the gateway sends its
 * reason and close code, which {@link #opened()} then fails with ({@link Refused}).
 */
public abstract class BenchHandler extends ChannelInboundHandlerAdapter {

  /** The gateway refused the session (or the connection closed before the banner). */
  public static final class Refused extends Exception {

    private final int code;

    Refused(int code, String reason) {
      super(code + " " + reason, null, false, false);
      this.code = code;
    }

    public int code() {
      return code;
    }
  }

  private final CompletableFuture<Void> opened = new CompletableFuture<>();
  private final byte[] banner = new byte[Rfb.BANNER_LENGTH];
  private int bannerRead;
  private boolean bannerSeen;
  private boolean refused;
  protected volatile Channel channel;
  private volatile WsClosed closedBy;
  private volatile boolean closed;

  /** Completes when the backend's banner arrived; fails with {@link Refused} or the connection's failure. */
  public final CompletableFuture<Void> opened() {
    return opened;
  }

  public final Channel channel() {
    return channel;
  }

  /** Whether the connection ended (either side). */
  public final boolean closed() {
    return closed;
  }

  /** The server's close frame, or {@code null}. */
  public final WsClosed closedBy() {
    return closedBy;
  }

  /**
   * Ends the connection as a browser does: over WebSocket a close frame (1000), then the wait
   * for the server's close frame (on which the decoder closes the socket), at most two seconds.
   * Completes when the socket is closed.
   */
  public final ChannelFuture close(boolean webSocket) {
    Channel ch = channel;
    if (webSocket && ch.isActive()) {
      ch.writeAndFlush(WsControl.close(1000));
      ch.eventLoop().schedule(() -> ch.close(), 2, TimeUnit.SECONDS);
      return ch.closeFuture();
    }
    return ch.close();
  }

  /** The connect attempt itself failed. */
  final void connectFailed(Throwable cause) {
    closed = true;
    opened.completeExceptionally(cause);
  }

  /** The backend's banner arrived: the path is open. {@code ctx} is the handler's context. */
  protected void onOpen(ChannelHandlerContext ctx) {
  }

  /** Bytes after the banner; the handler must release {@code data}. */
  protected void onData(ChannelHandlerContext ctx, ByteBuf data) {
    data.release();
  }

  /** The connection ended, whenever that was. */
  protected void onClosed() {
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    channel = ctx.channel();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof WsClosed close) {
      closedBy = close;
      if (refused) {
        opened.completeExceptionally(new Refused(close.code(), close.reason()));
      }
    } else if (evt != Ready.INSTANCE) {
      ctx.fireUserEventTriggered(evt);
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ByteBuf in = (ByteBuf) msg;
    if (bannerSeen) {
      onData(ctx, in);
      return;
    }
    if (refused) {
      in.release();
      return;
    }
    int n = Math.min(in.readableBytes(), banner.length - bannerRead);
    in.readBytes(banner, bannerRead, n);
    bannerRead += n;
    if (bannerRead < banner.length) {
      in.release();
      return;
    }
    if (Rfb.isBackendBanner(banner)) {
      bannerSeen = true;
      opened.complete(null);
      onOpen(ctx);
      if (in.isReadable()) {
        onData(ctx, in);
      } else {
        in.release();
      }
    } else {
      // The gateway's own banner: it refuses. Answer its version so it says why, and closes.
      refused = true;
      in.release();
      ctx.writeAndFlush(Rfb.clientVersion());
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    closed = true;
    WsClosed by = closedBy;
    opened.completeExceptionally(by != null ? new Refused(by.code(), by.reason())
      : new Refused(1006, refused ? "refused; closed without a close frame" : "closed before the backend's banner"));
    onClosed();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    opened.completeExceptionally(cause);
    ctx.close();
  }
}
