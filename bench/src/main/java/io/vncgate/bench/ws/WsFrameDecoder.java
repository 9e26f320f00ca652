package io.vncgate.bench.ws;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.CorruptedFrameException;

/**
 * Reads the server's frames as a stream: the payload of data frames (binary, text,
 * continuation) is passed on as slices the moment it arrives, without waiting for the end of a
 * frame or copying it; pings are answered with pongs, a close frame is reported as
 * {@link WsClosed}, answered, and the connection closed. Server frames must not be masked
 * (RFC 6455 §5.1).
 */
public final class WsFrameDecoder extends ChannelInboundHandlerAdapter {

  private static final int MAX_CONTROL_PAYLOAD = 125;

  /** Frame header so far: two bytes plus up to eight of extended length. */
  private final byte[] header = new byte[10];
  private int headerRead;
  private int headerLength = 2;
  private boolean inPayload;
  private int opcode;
  private long payloadLeft;
  private byte[] control;
  private int controlRead;

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof ByteBuf in)) {
      ctx.fireChannelRead(msg);
      return;
    }
    try {
      while (in.isReadable() && ctx.channel().isActive()) {
        if (inPayload) {
          payload(ctx, in);
        } else {
          header(in);
          if (inPayload && payloadLeft == 0) {
            endOfFrame(ctx);
          }
        }
      }
    } catch (CorruptedFrameException e) {
      ctx.fireExceptionCaught(e);
      ctx.close();
    } finally {
      in.release();
    }
  }

  private void header(ByteBuf in) {
    while (in.isReadable() && headerRead < headerLength) {
      header[headerRead++] = in.readByte();
      if (headerRead == 2) {
        if ((header[1] & 0x80) != 0) {
          throw new CorruptedFrameException("masked frame from the server");
        }
        if ((header[0] & 0x70) != 0) {
          throw new CorruptedFrameException("reserved bits set (no extension was negotiated)");
        }
        int length7 = header[1] & 0x7F;
        headerLength = length7 == 126 ? 4 : length7 == 127 ? 10 : 2;
      }
    }
    if (headerRead < headerLength) {
      return;
    }
    opcode = header[0] & 0x0F;
    int length7 = header[1] & 0x7F;
    payloadLeft = length7 < 126 ? length7
      : length7 == 126 ? ((header[2] & 0xFF) << 8) | (header[3] & 0xFF)
      : readLong(header, 2);
    if (payloadLeft < 0) {
      throw new CorruptedFrameException("frame length over 2^63");
    }
    if (opcode >= WsControl.CLOSE) {
      if (opcode > WsControl.PONG) {
        throw new CorruptedFrameException("unknown control opcode " + opcode);
      }
      if (payloadLeft > MAX_CONTROL_PAYLOAD || (header[0] & 0x80) == 0) {
        throw new CorruptedFrameException("control frame fragmented or over 125 bytes");
      }
      control = new byte[(int) payloadLeft];
      controlRead = 0;
    } else if (opcode > 0x2) {
      throw new CorruptedFrameException("unknown data opcode " + opcode);
    }
    headerRead = 0;
    headerLength = 2;
    inPayload = true;
  }

  private void payload(ChannelHandlerContext ctx, ByteBuf in) {
    int n = (int) Math.min(payloadLeft, in.readableBytes());
    if (opcode >= WsControl.CLOSE) {
      in.readBytes(control, controlRead, n);
      controlRead += n;
    } else {
      ctx.fireChannelRead(in.readRetainedSlice(n));
    }
    payloadLeft -= n;
    if (payloadLeft == 0) {
      endOfFrame(ctx);
    }
  }

  private void endOfFrame(ChannelHandlerContext ctx) {
    inPayload = false;
    if (opcode == WsControl.PING) {
      // Through the channel, not this context: the pong must pass the encoder, which sits after us.
      ctx.channel().writeAndFlush(WsControl.pong(control));
    } else if (opcode == WsControl.CLOSE) {
      int code = control.length >= 2 ? ((control[0] & 0xFF) << 8) | (control[1] & 0xFF) : 1005;
      ctx.fireUserEventTriggered(new WsClosed(code, WsControl.reason(control)));
      if (WsControl.closeSent(ctx.channel())) {
        ctx.close();
      } else {
        ctx.channel().writeAndFlush(WsControl.close(code == 1005 ? 1000 : code)).addListener(ChannelFutureListener.CLOSE);
      }
    }
    control = null;
  }

  private static long readLong(byte[] bytes, int at) {
    long value = 0;
    for (int i = 0; i < 8; i++) {
      value = (value << 8) | (bytes[at + i] & 0xFF);
    }
    return value;
  }
}
