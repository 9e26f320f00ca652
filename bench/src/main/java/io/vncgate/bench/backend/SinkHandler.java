package io.vncgate.bench.backend;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.vncgate.bench.Rfb;

/** Sends the banner, then discards and counts every byte it receives. */
final class SinkHandler extends ChannelInboundHandlerAdapter {

  private final BackendStats stats;

  SinkHandler(BackendStats stats) {
    this.stats = stats;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    ctx.writeAndFlush(Rfb.banner());
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ByteBuf buf = (ByteBuf) msg;
    stats.sinkReceived(buf.readableBytes());
    buf.release();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
