package io.vncgate.bench.ws;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Turns each outbound {@link ByteBuf} into one final binary frame and each {@link WsControl}
 * into a control frame, masked with a fresh random key as RFC 6455 §5.3 requires of clients
 * (browsers do the same work for every noVNC message). The payload is copied once while masking.
 * A {@link WsPrepared} frame, masked in advance, goes out as it is.
 */
public final class WsFrameEncoder extends ChannelOutboundHandlerAdapter {

  static final int BINARY = 0x2;

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (msg instanceof ByteBuf payload) {
      ctx.write(frame(ctx.alloc(), BINARY, payload), promise);
    } else if (msg instanceof WsPrepared prepared) {
      ctx.write(prepared.wire(), promise);
    } else if (msg instanceof WsControl control) {
      if (control.opcode() == WsControl.CLOSE) {
        if (WsControl.closeSent(ctx.channel())) {
          promise.setSuccess();
          return;
        }
        ctx.channel().attr(WsControl.CLOSE_SENT).set(true);
      }
      ctx.write(frame(ctx.alloc(), control.opcode(), Unpooled.wrappedBuffer(control.payload())), promise);
    } else {
      ctx.write(msg, promise);
    }
  }

  /** One masked frame with {@code payload}, which is released. */
  static ByteBuf frame(ByteBufAllocator alloc, int opcode, ByteBuf payload) {
    try {
      int length = payload.readableBytes();
      int extended = length < 126 ? 0 : length < 65_536 ? 2 : 8;
      ByteBuf out = alloc.buffer(2 + extended + 4 + length);
      out.writeByte(0x80 | opcode);
      if (extended == 0) {
        out.writeByte(0x80 | length);
      } else if (extended == 2) {
        out.writeByte(0x80 | 126).writeShort(length);
      } else {
        out.writeByte(0x80 | 127).writeLong(length);
      }
      int mask = ThreadLocalRandom.current().nextInt();
      out.writeInt(mask);
      mask(payload, payload.readerIndex(), length, mask, out);
      return out;
    } finally {
      payload.release();
    }
  }

  /** Writes {@code length} bytes from {@code src} at {@code from}, XORed with the 4-byte key (big-endian), to {@code out}. */
  static void mask(ByteBuf src, int from, int length, int mask, ByteBuf out) {
    long mask64 = ((long) mask << 32) | (mask & 0xFFFFFFFFL);
    int i = 0;
    for (; i + 8 <= length; i += 8) {
      out.writeLong(src.getLong(from + i) ^ mask64);
    }
    for (; i < length; i++) {
      out.writeByte(src.getByte(from + i) ^ (mask >>> (24 - 8 * (i & 3))));
    }
  }
}
