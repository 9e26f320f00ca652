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
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.internal.http.WebSocketInternal;

/**
 * The relay's fast path: bytes move between the two Netty channels as the pooled buffers they
 * arrived in, with no Vert.x stream in between.
 *
 * <p>Why: Vert.x's {@code NetSocket} copies every read into a heap buffer, its WebSocket copies
 * that again into a direct buffer to send it, and the way back does the same; at a gigabyte per
 * second those copies cost more CPU than the sockets themselves (profiles and figures in
 * docs/performance.md). Here a desktop read (up to {@link RelayReads#MAX_READ_BYTES}) becomes
 * binary frames of at most {@link #FRAME_BYTES} (headers written here) around slices of the very
 * same buffer, and a browser frame's payload goes to the desktop as it is; both are flushed
 * once per read batch, not per buffer. After the browser's first data frame, its frames are parsed by
 * {@link InPlaceFrameDecoder}, which unmasks them inside the socket's read buffer instead of
 * copying them out first.
 *
 * <p>Backpressure is Netty's: while one side's outbound buffer is above its high water mark
 * (the channel is not writable), the other side's channel stops reading; when it drains below
 * the low mark, reading resumes. Both channels belong to the session's event loop (the
 * desktop was dialled from it), so nothing here needs locking.
 *
 * <p>Only for sessions whose browser stream needs no parsing (not view-only, no idle limit) and
 * whose desktop connection has not delivered a byte yet (no gateway-side VNC login). Such a
 * desktop is usually a bare channel ({@link BareDialer}); a TLS desktop is Vert.x's socket, whose
 * reads this path takes before Vert.x sees them. Control frames (ping, pong, close) still go to
 * Vert.x, so keepalive, close codes and the message size limit work as on the slow path.
 */
final class DirectPath {

  /**
   * Water marks of both channels. A VNC framebuffer update comes in bursts of hundreds of
   * kilobytes; marks of this size let a burst pass in few read/write rounds while bounding
   * what one slow browser can make the gateway hold (the socket buffers hold more).
   */
  static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(128 * 1024, 512 * 1024);

  /**
   * The largest frame sent to a browser: what websockify sends at most, and what browsers and
   * noVNC take without trouble. A larger desktop read is sent as several frames.
   */
  static final int FRAME_BYTES = 64 * 1024;

  /** A server frame's header at most: two bytes, and eight more for a length above 65,535. */
  static final int MAX_HEADER_BYTES = 10;

  private DirectPath() {
  }

  /**
   * Writes the header of a final, unmasked binary frame (RFC 6455, 5.2) carrying
   * {@code length} bytes, as a server sends it.
   */
  static void writeHeader(ByteBuf out, int length) {
    out.writeByte(0x82);
    if (length <= 125) {
      out.writeByte(length);
    } else if (length <= 0xFFFF) {
      out.writeByte(126).writeShort(length);
    } else {
      out.writeByte(127).writeLong(length);
    }
  }

  /**
   * Starts relaying both ways. The WebSocket must be paused, with a handler that writes what
   * Vert.x still delivers to the desktop ({@link Desktop#write}).
   *
   * @param maxMessageBytes largest browser message (frames of one message added up); above it the session ends with 1009
   * @param onDesktopClosed runs once the desktop's connection has closed, after its last bytes were handed to the browser's channel
   * @param onTooBig        runs when a browser message exceeds {@code maxMessageBytes}
   */
  static void start(ServerWebSocket ws, Desktop desktop, Traffic traffic, int maxMessageBytes,
                    Runnable onDesktopClosed, Runnable onTooBig) {
    ChannelHandlerContext browser = ((WebSocketInternal) ws).channelHandlerContext();
    Channel desktopChannel = desktop.channel();
    browser.channel().config().setWriteBufferWaterMark(WATER_MARK);
    desktopChannel.config().setWriteBufferWaterMark(WATER_MARK);

    // Desktop → browser: each read, wrapped in a frame, straight into the browser's channel.
    // Before Vert.x's handler when Vert.x dialled (behind its TLS handler), last on a bare channel.
    Downstream downstream = new Downstream(browser, traffic, onDesktopClosed);
    String vertx = desktop.vertxHandlerName();
    if (vertx != null) {
      desktopChannel.pipeline().addBefore(vertx, "vncgate-downstream", downstream);
    } else {
      desktopChannel.pipeline().addLast("vncgate-downstream", downstream);
    }
    ChannelHandlerContext toDesktop = desktopChannel.pipeline().context(downstream);

    desktopChannel.config().setAutoRead(browser.channel().isWritable());

    // Browser → desktop: data frames are taken off the browser's pipeline before Vert.x sees
    // them. Vert.x may still hold frames it read while the session was being set up (a read
    // can carry several); resuming the WebSocket hands them to its handler, which the caller
    // points at the desktop. Vert.x does that in a task on this event loop, so the interceptor
    // goes in by a task queued behind it: no frame can overtake an earlier one.
    ws.resume();
    browser.channel().eventLoop().execute(() -> {
      if (browser.channel().isActive() && desktopChannel.isActive()) {
        browser.pipeline().addBefore(browser.name(), "vncgate-upstream",
          new Upstream(toDesktop, traffic, maxMessageBytes, onTooBig));
        browser.channel().config().setAutoRead(desktopChannel.isWritable());
      }
    });
  }

  /**
   * One direction, on the pipeline of the channel it reads from: writes into the other
   * channel, flushes it once per read batch, stops its own channel's reading while the other
   * cannot take more; and, as its own channel drains, lets the other direction read again.
   */
  private static class Link extends ChannelDuplexHandler {

    /**
     * Where writes into the other channel start: Vert.x's handler on the browser's (they pass
     * its WebSocket encoder, and TLS), the downstream handler on the desktop's (TLS, if any).
     */
    final ChannelHandlerContext sink;
    /** Writes carry no promise to complete: a write that fails is the other channel closing, which ends the session anyway. */
    final ChannelPromise noPromise;
    private boolean pending;

    Link(ChannelHandlerContext sink) {
      this.sink = sink;
      this.noPromise = new VoidChannelPromise(sink.channel(), false);
    }

    /** Writes {@code msg} into the other channel; {@code ctx} is this handler's, on the channel it reads from. */
    final void forward(ChannelHandlerContext ctx, Object msg) {
      sink.write(msg, noPromise);
      pending = true;
      if (!sink.channel().isWritable()) {
        ctx.channel().config().setAutoRead(false);
      }
    }

    @Override
    public final void channelReadComplete(ChannelHandlerContext ctx) {
      flushSink();
      ctx.fireChannelReadComplete();
    }

    final void flushSink() {
      if (pending) {
        pending = false;
        sink.flush();
      }
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

  /** Desktop → browser: each read becomes binary frames around slices of the same buffer. */
  private static final class Downstream extends Link {

    private final Traffic traffic;
    private final Runnable onClosed;

    Downstream(ChannelHandlerContext browser, Traffic traffic, Runnable onClosed) {
      super(browser);
      this.traffic = traffic;
      this.onClosed = onClosed;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof ByteBuf data && data.isReadable()) {
        traffic.addToBrowser(data.readableBytes());
        // The frames are written here as header and payload, which Netty's WebSocket encoder
        // passes on untouched: handed a frame, it writes the same two buffers, but, for any
        // promise other than the channel's own void one (which reports failed writes to the
        // pipeline), ties them with a promise combiner and two promises of its own, per frame.
        // One small buffer holds the headers of all of this read's frames.
        int frames = (data.readableBytes() + FRAME_BYTES - 1) / FRAME_BYTES;
        ByteBuf headers = ctx.alloc().directBuffer(frames * MAX_HEADER_BYTES);
        while (data.readableBytes() > FRAME_BYTES) {
          int start = headers.writerIndex();
          writeHeader(headers, FRAME_BYTES);
          forwardFrame(ctx, headers.retainedSlice(start, headers.writerIndex() - start), data.readRetainedSlice(FRAME_BYTES));
        }
        int start = headers.writerIndex();
        writeHeader(headers, data.readableBytes());
        forwardFrame(ctx, headers.readerIndex(start), data);
      } else {
        ReferenceCountUtil.release(msg);
      }
    }

    /** One frame: its header needs no check of the browser's writability of its own, the payload's covers both. */
    private void forwardFrame(ChannelHandlerContext ctx, ByteBuf header, ByteBuf payload) {
      sink.write(header, noPromise);
      forward(ctx, payload);
    }

    /** Netty delivers every read before this, so the browser has all the desktop's bytes in its channel. */
    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      flushSink();
      onClosed.run();
      ctx.fireChannelInactive();
    }
  }

  /**
   * Browser → desktop: the payload of data frames (binary, and text as websockify relays it,
   * with their continuations) to the desktop; control frames on to Vert.x.
   */
  private static final class Upstream extends Link {

    private final Traffic traffic;
    private final int maxMessageBytes;
    private final Runnable onTooBig;
    private long messageBytes;
    private boolean inDataMessage;
    private boolean failed;
    /** Whether Netty's decoder has been replaced (or could not be: then it stays). */
    private boolean ownDecoder;

    Upstream(ChannelHandlerContext desktop, Traffic traffic, int maxMessageBytes, Runnable onTooBig) {
      super(desktop);
      this.traffic = traffic;
      this.maxMessageBytes = maxMessageBytes;
      this.onTooBig = onTooBig;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      boolean first = msg instanceof BinaryWebSocketFrame || msg instanceof TextWebSocketFrame;
      if (!(first || (msg instanceof ContinuationWebSocketFrame && inDataMessage))) {
        ctx.fireChannelRead(msg);
        return;
      }
      relay(ctx, (WebSocketFrame) msg, first);
      if (!ownDecoder) {
        replaceDecoder(ctx);
      }
    }

    /**
     * Puts {@link InPlaceFrameDecoder} where Netty's decoder is, right after that decoder has
     * passed a whole data frame: it then stands between two frames, and the frame just read
     * tells whether a fragmented message goes on. Bytes it holds already are handed to the
     * replacement as it leaves (Netty forwards a removed decoder's buffer to its successor).
     */
    private void replaceDecoder(ChannelHandlerContext ctx) {
      ownDecoder = true;
      ChannelHandlerContext netty = ctx.pipeline().context(WebSocket08FrameDecoder.class);
      if (netty != null && !failed && ctx.channel().isActive()) {
        ctx.pipeline().replace(netty.handler(), "vncgate-frames", new InPlaceFrameDecoder(maxMessageBytes, inDataMessage));
      }
    }

    private void relay(ChannelHandlerContext ctx, WebSocketFrame frame, boolean first) {
      ByteBuf data = frame.content();
      messageBytes = first ? data.readableBytes() : messageBytes + data.readableBytes();
      inDataMessage = !frame.isFinalFragment();
      if (failed || messageBytes > maxMessageBytes || !data.isReadable()) {
        // Nothing to forward: the session already failed, this message is over the limit (the
        // session ends with 1009, once), or the frame is empty.
        frame.release();
        if (!failed && messageBytes > maxMessageBytes) {
          failed = true;
          onTooBig.run();
        }
        return;
      }
      traffic.addToDesktop(data.readableBytes());
      forward(ctx, data);
    }
  }
}
