package io.vncgate.bench.backend;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.vncgate.bench.Payload;
import io.vncgate.bench.Rfb;

/**
 * Sends the banner, then 64 KiB chunks for as long as the connection takes them: a desktop
 * that always has a framebuffer update ready. Writes stop while Netty's outbound buffer is above
 * its high-water mark and resume when it drains, so the pace is the reader's.
 */
final class PushHandler extends ChannelInboundHandlerAdapter {

  static final int CHUNK_BYTES = 64 * 1024;

  /** One chunk of random bytes, shared read-only by every connection. */
  private static final ByteBuf CHUNK = Payload.random(CHUNK_BYTES);

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    ctx.write(Rfb.banner());
    fill(ctx);
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    fill(ctx);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ReferenceCountUtil.release(msg);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }

  private static void fill(ChannelHandlerContext ctx) {
    while (ctx.channel().isActive() && ctx.channel().isWritable()) {
      ctx.write(CHUNK.duplicate());
    }
    ctx.flush();
  }
}
