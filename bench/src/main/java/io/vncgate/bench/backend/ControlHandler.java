package io.vncgate.bench.backend;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import java.nio.charset.StandardCharsets;

/** Answers every newline the load generator sends with the current {@link BackendStats}, one JSON line. */
final class ControlHandler extends ChannelInboundHandlerAdapter {

  private final BackendStats stats;

  ControlHandler(BackendStats stats) {
    this.stats = stats;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ByteBuf buf = (ByteBuf) msg;
    int lines = 0;
    while (buf.isReadable()) {
      if (buf.readByte() == '\n') {
        lines++;
      }
    }
    buf.release();
    for (int i = 0; i < lines; i++) {
      ctx.write(Unpooled.copiedBuffer(stats.toJson().encode() + "\n", StandardCharsets.UTF_8));
    }
    ctx.flush();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
