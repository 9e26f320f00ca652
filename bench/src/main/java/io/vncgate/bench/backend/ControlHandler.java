package io.vncgate.bench.backend;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import java.nio.charset.StandardCharsets;

/**
 * The load generator's requests, one per line, each answered with the current
 * {@link BackendStats} as one JSON line: an empty line at once, {@code idle} once no
 * connection is open (at once when none is).
 */
final class ControlHandler extends ChannelInboundHandlerAdapter {

  private final BackendStats stats;
  private final StringBuilder line = new StringBuilder();

  ControlHandler(BackendStats stats) {
    this.stats = stats;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ByteBuf buf = (ByteBuf) msg;
    while (buf.isReadable()) {
      char c = (char) buf.readByte();
      if (c != '\n') {
        line.append(c);
      } else if (line.toString().equals("idle")) {
        line.setLength(0);
        stats.whenIdle(() -> answer(ctx));
      } else {
        line.setLength(0);
        answer(ctx);
      }
    }
    buf.release();
  }

  /** Netty orders writes from any thread, so a notice from another connection's close may answer here. */
  private void answer(ChannelHandlerContext ctx) {
    ctx.writeAndFlush(Unpooled.copiedBuffer(stats.toJson().encode() + "\n", StandardCharsets.UTF_8));
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
