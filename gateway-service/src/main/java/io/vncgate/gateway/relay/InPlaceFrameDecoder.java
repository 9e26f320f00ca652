package io.vncgate.gateway.relay;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.internal.PlatformDependent;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The browser's WebSocket frames on the fast path, parsed in place of Netty's decoder once the
 * session relays ({@link DirectPath}).
 *
 * <p>Why: Netty's decoder waits for a whole frame (a frame that spans two reads is gathered into
 * one buffer first), copies the payload into a buffer of its own, then unmasks that with
 * ByteBuf's checked accessors: those passes were the gateway's hottest code upstream (profiles in
 * docs/performance.md). Here a data frame's payload is unmasked where it lies in the
 * socket's read buffer and passed on as slices of that buffer, as soon as each part arrives: a
 * frame split over two reads becomes two pieces, a first frame with {@code finalFragment} false
 * and a continuation, which is what the desktop needs (a byte stream) and what the message-size
 * count in {@link DirectPath} adds up the same way. Control frames (at most 125 bytes) are
 * gathered whole and passed on as Netty's frames, so Vert.x answers pings and closes as before.
 *
 * <p>It checks what Netty's decoder checks with Vert.x's server settings (masked frames, no
 * extensions, so RSV bits 0; opcodes; fragmentation; minimal lengths; control frame rules; the
 * close frame's code and UTF-8 reason; the frame size limit) and reports a violation the same
 * way: a {@link CorruptedWebSocketFrameException} down the pipeline (Vert.x closes the
 * connection; a frame over the limit ends the session with 1009), then it discards whatever
 * else arrives, as it does after a close frame.
 */
final class InPlaceFrameDecoder extends ChannelInboundHandlerAdapter {

  private static final int CONTINUATION = 0x0;
  private static final int TEXT = 0x1;
  private static final int BINARY = 0x2;
  private static final int CLOSE = 0x8;
  private static final int PING = 0x9;
  private static final int PONG = 0xA;

  private enum State { HEADER, PAYLOAD, DISCARD }

  /** Whether memory can be read and written by address, eight bytes at any alignment. */
  private static final boolean UNSAFE_LONGS = PlatformDependent.hasUnsafe() && PlatformDependent.isUnaligned();
  private static final boolean NATIVE_LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

  private final int maxFramePayload;
  /** The frame header as it arrives: 2 bytes, an extended length of 0, 2 or 8, the 4-byte key. */
  private final byte[] header = new byte[14];
  private State state = State.HEADER;
  private int headerRead;
  private boolean inFragmentedMessage;

  // The frame being read.
  private boolean fin;
  private int opcode;
  private int mask;
  private long remaining;
  /** Payload bytes of this frame passed so far: where in the key the next byte starts. */
  private long done;
  /** A control frame's payload, gathered whole. */
  private ByteBuf control;

  /**
   * @param maxFramePayload     the largest payload of one frame, as Netty's decoder was told
   * @param inFragmentedMessage whether the last data frame Netty's decoder read was not final
   */
  InPlaceFrameDecoder(int maxFramePayload, boolean inFragmentedMessage) {
    this.maxFramePayload = maxFramePayload;
    this.inFragmentedMessage = inFragmentedMessage;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof ByteBuf read)) {
      ctx.fireChannelRead(msg);
      return;
    }
    // Unmasking writes into the buffer: a socket read is ours to change; anything else is copied.
    ByteBuf in = read.isReadOnly() ? Unpooled.copiedBuffer(read) : read;
    if (in != read) {
      read.release();
    }
    try {
      while (in.isReadable() && state != State.DISCARD) {
        if (state == State.HEADER) {
          readHeader(ctx, in);
        } else {
          readPayload(ctx, in);
        }
      }
    } catch (CorruptedWebSocketFrameException violation) {
      state = State.DISCARD;
      releaseControl();
      ctx.fireExceptionCaught(violation);
    } finally {
      in.release();
    }
  }

  private void readHeader(ChannelHandlerContext ctx, ByteBuf in) {
    int needed = headerRead < 2 ? 2 : headerLength();
    int n = Math.min(needed - headerRead, in.readableBytes());
    in.readBytes(header, headerRead, n);
    headerRead += n;
    if (headerRead == 2) {
      checkFirstBytes();
      needed = headerLength();
    }
    if (headerRead < needed) {
      return;
    }
    int lengthBytes = needed - 6;
    long length = lengthBytes == 0 ? header[1] & 0x7F : 0;
    for (int i = 0; i < lengthBytes; i++) {
      length = (length << 8) | (header[2 + i] & 0xFF);
    }
    if (lengthBytes == 2 && length < 126 || lengthBytes == 8 && length >= 0 && length < 65_536) {
      throw violation("invalid data frame length (not using minimal length encoding)");
    }
    if (length < 0) {
      throw violation("invalid data frame length (negative length)");
    }
    if (length > maxFramePayload) {
      throw new CorruptedWebSocketFrameException(WebSocketCloseStatus.MESSAGE_TOO_BIG,
        "Max frame length of " + maxFramePayload + " has been exceeded.");
    }
    mask = ((header[needed - 4] & 0xFF) << 24) | ((header[needed - 3] & 0xFF) << 16)
      | ((header[needed - 2] & 0xFF) << 8) | (header[needed - 1] & 0xFF);
    remaining = length;
    done = 0;
    headerRead = 0;
    state = State.PAYLOAD;
    if (opcode < CLOSE) {
      inFragmentedMessage = !fin;
    } else {
      control = ctx.alloc().buffer((int) length);
    }
    if (length == 0) {
      readPayload(ctx, in); // an empty frame is whole already
    }
  }

  /** The checks that need only the first two bytes, in the order Netty's decoder makes them. */
  private void checkFirstBytes() {
    fin = (header[0] & 0x80) != 0;
    int rsv = (header[0] & 0x70) >> 4;
    opcode = header[0] & 0x0F;
    int length7 = header[1] & 0x7F;
    if (rsv != 0) {
      throw violation("RSV != 0 and no extension negotiated, RSV:" + rsv);
    }
    if ((header[1] & 0x80) == 0) {
      throw violation("received a frame that is not masked as expected");
    }
    if (opcode > 7) {
      if (!fin) {
        throw violation("fragmented control frame");
      }
      if (length7 > 125) {
        throw violation("control frame with payload length > 125 octets");
      }
      if (opcode != CLOSE && opcode != PING && opcode != PONG) {
        throw violation("control frame using reserved opcode " + opcode);
      }
      if (opcode == CLOSE && length7 == 1) {
        throw violation("received close control frame with payload len 1");
      }
    } else {
      if (opcode != CONTINUATION && opcode != TEXT && opcode != BINARY) {
        throw violation("data frame using reserved opcode " + opcode);
      }
      if (!inFragmentedMessage && opcode == CONTINUATION) {
        throw violation("received continuation data frame outside fragmented message");
      }
      if (inFragmentedMessage && opcode != CONTINUATION) {
        throw violation("received non-continuation data frame while inside fragmented message");
      }
    }
  }

  /** The whole header's length, known once its first two bytes are in: every browser frame has a key. */
  private int headerLength() {
    int length7 = header[1] & 0x7F;
    return 2 + (length7 == 126 ? 2 : length7 == 127 ? 8 : 0) + 4;
  }

  /**
   * As much of the frame's payload as has arrived, unmasked where it lies: a data frame's passed
   * on as a slice, a control frame's gathered until it is whole.
   */
  private void readPayload(ChannelHandlerContext ctx, ByteBuf in) {
    boolean first = done == 0;
    int n = (int) Math.min(remaining, in.readableBytes());
    unmask(in, in.readerIndex(), n, Integer.rotateLeft(mask, (int) (done & 3) * 8));
    remaining -= n;
    done += n;
    if (opcode >= CLOSE) {
      control.writeBytes(in, n);
      if (remaining == 0) {
        controlDone(ctx);
      }
      return;
    }
    if (remaining == 0) {
      state = State.HEADER;
    }
    ByteBuf piece = in.readRetainedSlice(n);
    ctx.fireChannelRead(first ? dataFrame(remaining == 0, piece) : new ContinuationWebSocketFrame(fin && remaining == 0, 0, piece));
  }

  /** A data frame's first piece, of the frame's own type. */
  private WebSocketFrame dataFrame(boolean last, ByteBuf content) {
    boolean finalFragment = fin && last;
    return switch (opcode) {
      case TEXT -> new TextWebSocketFrame(finalFragment, 0, content);
      case BINARY -> new BinaryWebSocketFrame(finalFragment, 0, content);
      default -> new ContinuationWebSocketFrame(finalFragment, 0, content);
    };
  }

  private void controlDone(ChannelHandlerContext ctx) {
    ByteBuf payload = control;
    control = null;
    state = State.HEADER;
    if (opcode == PING) {
      ctx.fireChannelRead(new PingWebSocketFrame(true, 0, payload));
    } else if (opcode == PONG) {
      ctx.fireChannelRead(new PongWebSocketFrame(true, 0, payload));
    } else {
      try {
        checkCloseBody(payload);
      } catch (CorruptedWebSocketFrameException e) {
        payload.release();
        throw e;
      }
      // After a close frame nothing more is read, as with Netty's decoder.
      state = State.DISCARD;
      ctx.fireChannelRead(new CloseWebSocketFrame(true, 0, payload));
    }
  }

  /** A close frame's body: empty, or a valid status code and a UTF-8 reason. */
  private static void checkCloseBody(ByteBuf body) {
    if (!body.isReadable()) {
      return;
    }
    int code = body.getUnsignedShort(body.readerIndex());
    if (!WebSocketCloseStatus.isValidStatusCode(code)) {
      throw violation("Invalid close frame getStatus code: " + code);
    }
    if (!ByteBufUtil.isText(body, body.readerIndex() + 2, body.readableBytes() - 2, StandardCharsets.UTF_8)) {
      throw new CorruptedWebSocketFrameException(WebSocketCloseStatus.INVALID_PAYLOAD_DATA, "bytes are not UTF-8");
    }
  }

  /**
   * XORs {@code length} bytes of {@code buf} from {@code from} with the key, whose first byte is
   * the top byte of {@code key} (already turned to where in the key this part starts).
   */
  static void unmask(ByteBuf buf, int from, int length, int key) {
    long key64 = ((long) key << 32) | (key & 0xFFFFFFFFL);
    int i = 0;
    if (UNSAFE_LONGS && buf.hasMemoryAddress()) {
      // Straight on the memory, eight bytes at a time in the machine's byte order: ByteBuf's
      // getLong/setLong check the reference count and bounds on every call, and made this loop
      // most of the gateway's upstream Java time (bounds were checked above, once, by the slice
      // of readable bytes this covers). The loop counts by address, not by an int index added
      // to one: C2 compiles that about 2.5 times faster (24-27 vs 9-11 GB/s over 64 KiB here).
      long start = buf.memoryAddress() + from;
      long nativeKey = NATIVE_LITTLE_ENDIAN ? Long.reverseBytes(key64) : key64;
      for (long address = start, end = start + (length & ~7); address < end; address += 8) {
        PlatformDependent.putLong(address, PlatformDependent.getLong(address) ^ nativeKey);
      }
      i = length & ~7;
    }
    for (; i + 8 <= length; i += 8) { // heap buffers
      buf.setLong(from + i, buf.getLong(from + i) ^ key64);
    }
    for (; i < length; i++) { // the last 0-7 bytes
      buf.setByte(from + i, buf.getByte(from + i) ^ (key >>> (24 - 8 * (i & 3))));
    }
  }

  private static CorruptedWebSocketFrameException violation(String message) {
    return new CorruptedWebSocketFrameException(WebSocketCloseStatus.PROTOCOL_ERROR, message);
  }

  private void releaseControl() {
    if (control != null) {
      ReferenceCountUtil.release(control);
      control = null;
    }
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    releaseControl();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    releaseControl();
    ctx.fireChannelInactive();
  }
}
