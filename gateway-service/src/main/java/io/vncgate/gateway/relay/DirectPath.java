package io.vncgate.gateway.relay;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.internal.http.WebSocketInternal;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetSocket;

/**
 * The relay's fast path: bytes move between the two Netty channels as the pooled buffers they
 * arrived in, with no Vert.x stream in between.
 *
 * <p>Why: Vert.x's {@code NetSocket} copies every read into a heap buffer, its WebSocket copies
 * that again into a direct buffer to send it, and the way back does the same; at a gigabyte per
 * second those copies cost more CPU than the sockets themselves (profiles and figures in
 * docs/performance.md). Here a desktop read becomes one binary frame around the very same
 * buffer, and a browser frame's payload goes to the desktop as it is; both are flushed once per
 * read batch, not per buffer.
 *
 * <p>Backpressure is Netty's: while one side's outbound buffer is above its high water mark
 * (the channel is not writable), the other side's channel stops reading; when it drains below
 * the low mark, reading resumes. Both channels belong to the session's event loop (the
 * desktop was dialled from it), so nothing here needs locking.
 *
 * <p>Only for sessions whose browser stream needs no parsing (not view-only, no idle limit) and
 * whose desktop socket has not delivered a byte to Vert.x yet (no gateway-side VNC login):
 * taking the desktop's messages over drops whatever Vert.x might have queued before.
 * Control frames (ping, pong, close) and text frames still go to Vert.x, so keepalive, close
 * codes and the message size limit work as on the slow path.
 */
final class DirectPath {

  /**
   * Water marks of both channels. A VNC framebuffer update comes in bursts of hundreds of
   * kilobytes; marks of this size let a burst pass in few read/write rounds while bounding
   * what one slow browser can make the gateway hold (the socket buffers hold more).
   */
  static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(128 * 1024, 512 * 1024);

  private DirectPath() {
  }

  /** Whether both streams expose their Netty channels (they do in Vert.x 5). */
  static boolean available(ServerWebSocket ws, NetSocket socket) {
    return ws instanceof WebSocketInternal && socket instanceof NetSocketInternal;
  }

  /**
   * Starts relaying both ways.
   *
   * @param maxMessageBytes largest browser message (frames of one message added up); above it the session ends with 1009
   * @param onDesktopClosed runs once the desktop's socket has closed, after its last bytes were handed to the browser's channel
   * @param onTooBig        runs when a browser message exceeds {@code maxMessageBytes}
   */
  static void start(ServerWebSocket ws, NetSocket socket, Traffic traffic, int maxMessageBytes,
                    Runnable onDesktopClosed, Runnable onTooBig) {
    ChannelHandlerContext browser = ((WebSocketInternal) ws).channelHandlerContext();
    NetSocketInternal desktopSocket = (NetSocketInternal) socket;
    ChannelHandlerContext desktop = desktopSocket.channelHandlerContext();
    Channel browserChannel = browser.channel();
    Channel desktopChannel = desktop.channel();
    browserChannel.config().setWriteBufferWaterMark(WATER_MARK);
    desktopChannel.config().setWriteBufferWaterMark(WATER_MARK);

    // Desktop → browser: each read, wrapped in a frame, straight into the browser's channel;
    // the Downstream handler flushes once the desktop's read batch is over.
    Downstream downstream = new Downstream(browserChannel);
    desktopSocket.messageHandler(msg -> {
      if (msg instanceof ByteBuf data && data.isReadable()) {
        traffic.addToBrowser(data.readableBytes());
        browser.write(new BinaryWebSocketFrame(data));
        downstream.pending = true;
        if (!browserChannel.isWritable()) {
          desktopChannel.config().setAutoRead(false);
        }
      } else {
        ReferenceCountUtil.release(msg);
      }
    });
    desktopSocket.closeHandler(v -> {
      browserChannel.flush();
      onDesktopClosed.run();
    });

    // Browser → desktop: binary frames are taken off the browser's pipeline before Vert.x sees them.
    browser.pipeline().addBefore(browser.name(), "vncgate-upstream", new Upstream(desktop, desktopChannel, traffic, maxMessageBytes, onTooBig));
    desktop.pipeline().addBefore(desktop.name(), "vncgate-downstream", downstream);
    desktopChannel.config().setAutoRead(browserChannel.isWritable());
    browserChannel.config().setAutoRead(desktopChannel.isWritable());
  }

  /**
   * On the desktop's channel: flushes what its read batch wrote into the browser's channel, and
   * turns the browser's reading back on when the desktop's outbound buffer has drained.
   */
  private static final class Downstream extends ChannelDuplexHandler {

    private final Channel browser;
    boolean pending;

    Downstream(Channel browser) {
      this.browser = browser;
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      if (pending) {
        pending = false;
        browser.flush();
      }
      ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
      if (ctx.channel().isWritable() && browser.isOpen()) {
        browser.config().setAutoRead(true);
      }
      ctx.fireChannelWritabilityChanged();
    }
  }

  /** Passes the payload of the browser's binary frames to the desktop; everything else on to Vert.x. */
  private static final class Upstream extends ChannelDuplexHandler {

    private final ChannelHandlerContext desktop;
    private final Channel desktopChannel;
    private final Traffic traffic;
    private final int maxMessageBytes;
    private final Runnable onTooBig;
    private long messageBytes;
    private boolean inBinaryMessage;
    private boolean failed;
    private boolean pending;

    Upstream(ChannelHandlerContext desktop, Channel desktopChannel, Traffic traffic, int maxMessageBytes, Runnable onTooBig) {
      this.desktop = desktop;
      this.desktopChannel = desktopChannel;
      this.traffic = traffic;
      this.maxMessageBytes = maxMessageBytes;
      this.onTooBig = onTooBig;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      boolean binary = msg instanceof BinaryWebSocketFrame;
      if (!(binary || (msg instanceof ContinuationWebSocketFrame && inBinaryMessage))) {
        ctx.fireChannelRead(msg);
        return;
      }
      WebSocketFrame frame = (WebSocketFrame) msg;
      messageBytes = binary ? frame.content().readableBytes() : messageBytes + frame.content().readableBytes();
      inBinaryMessage = !frame.isFinalFragment();
      if (failed || messageBytes > maxMessageBytes) {
        frame.release();
        if (!failed) {
          failed = true;
          onTooBig.run();
        }
        return;
      }
      ByteBuf data = frame.content();
      if (!data.isReadable()) {
        frame.release();
        return;
      }
      traffic.addToDesktop(data.readableBytes());
      desktop.write(data);
      pending = true;
      if (!desktopChannel.isWritable()) {
        ctx.channel().config().setAutoRead(false);
      }
    }

    /** The browser's outbound buffer drained: the desktop may be read again. */
    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
      if (ctx.channel().isWritable() && desktopChannel.isOpen()) {
        desktopChannel.config().setAutoRead(true);
      }
      ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      if (pending) {
        pending = false;
        desktop.flush();
      }
      ctx.fireChannelReadComplete();
    }
  }
}
