package io.vncgate.gateway.relay;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.VoidChannelPromise;
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
    browser.channel().config().setWriteBufferWaterMark(WATER_MARK);
    desktop.channel().config().setWriteBufferWaterMark(WATER_MARK);

    // Desktop → browser: each read, wrapped in a frame, straight into the browser's channel.
    Link downstream = new Link(desktop.channel(), browser);
    desktopSocket.messageHandler(msg -> {
      if (msg instanceof ByteBuf data && data.isReadable()) {
        traffic.addToBrowser(data.readableBytes());
        downstream.forward(new BinaryWebSocketFrame(data));
      } else {
        ReferenceCountUtil.release(msg);
      }
    });
    desktopSocket.closeHandler(v -> {
      browser.channel().flush();
      onDesktopClosed.run();
    });
    desktop.pipeline().addBefore(desktop.name(), "vncgate-downstream", downstream);

    // Browser → desktop: binary frames are taken off the browser's pipeline before Vert.x sees them.
    browser.pipeline().addBefore(browser.name(), "vncgate-upstream", new Upstream(browser.channel(), desktop, traffic, maxMessageBytes, onTooBig));
    desktop.channel().config().setAutoRead(browser.channel().isWritable());
    browser.channel().config().setAutoRead(desktop.channel().isWritable());
  }

  /**
   * One direction, on the pipeline of the channel it reads from: writes into the other
   * channel, flushes it once per read batch, stops its own channel's reading while the other
   * cannot take more; and, as its own channel drains, lets the other direction read again.
   */
  private static class Link extends ChannelDuplexHandler {

    private final Channel source;
    /** Vert.x's handler on the other channel: writes start there and pass its encoders (WebSocket, TLS). */
    private final ChannelHandlerContext sink;
    /** Writes carry no promise to complete: a write that fails is the other channel closing, which ends the session anyway. */
    private final ChannelPromise noPromise;
    private boolean pending;

    Link(Channel source, ChannelHandlerContext sink) {
      this.source = source;
      this.sink = sink;
      this.noPromise = new VoidChannelPromise(sink.channel(), false);
    }

    final void forward(Object msg) {
      sink.write(msg, noPromise);
      pending = true;
      if (!sink.channel().isWritable()) {
        source.config().setAutoRead(false);
      }
    }

    @Override
    public final void channelReadComplete(ChannelHandlerContext ctx) {
      if (pending) {
        pending = false;
        sink.flush();
      }
      ctx.fireChannelReadComplete();
    }

    /** This channel drained below its low water mark: the direction that writes into it may read again. */
    @Override
    public final void channelWritabilityChanged(ChannelHandlerContext ctx) {
      if (ctx.channel().isWritable() && sink.channel().isOpen()) {
        sink.channel().config().setAutoRead(true);
      }
      ctx.fireChannelWritabilityChanged();
    }
  }

  /** Browser → desktop: the payload of binary frames (and their continuations) to the desktop; everything else on to Vert.x. */
  private static final class Upstream extends Link {

    private final Traffic traffic;
    private final int maxMessageBytes;
    private final Runnable onTooBig;
    private long messageBytes;
    private boolean inBinaryMessage;
    private boolean failed;

    Upstream(Channel browser, ChannelHandlerContext desktop, Traffic traffic, int maxMessageBytes, Runnable onTooBig) {
      super(browser, desktop);
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
      ByteBuf data = frame.content();
      messageBytes = binary ? data.readableBytes() : messageBytes + data.readableBytes();
      inBinaryMessage = !frame.isFinalFragment();
      if (failed || messageBytes > maxMessageBytes || !data.isReadable()) {
        frame.release();
        if (!failed && messageBytes > maxMessageBytes) {
          failed = true;
          onTooBig.run();
        }
        return;
      }
      traffic.addToDesktop(data.readableBytes());
      forward(data);
    }
  }
}
