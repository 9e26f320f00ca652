package io.vncgate.bench.backend;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.vertx.core.json.JsonObject;

import java.util.concurrent.atomic.LongAdder;

/**
 * What the load generator asks the backend process over its control port: the bytes the sink
 * received (upstream throughput is measured where the bytes arrive, not where they were queued)
 * and the connections open now (a scenario starts only after the previous one's are gone).
 */
final class BackendStats {

  private final LongAdder sinkBytes = new LongAdder();
  private final LongAdder open = new LongAdder();
  private final ChannelHandler counter = new ConnectionCounter();

  void sinkReceived(int bytes) {
    sinkBytes.add(bytes);
  }

  ChannelHandler connectionCounter() {
    return counter;
  }

  JsonObject toJson() {
    return new JsonObject().put("sinkBytes", sinkBytes.sum()).put("open", open.sum());
  }

  @ChannelHandler.Sharable
  private final class ConnectionCounter extends ChannelInboundHandlerAdapter {

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      open.increment();
      ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      open.decrement();
      ctx.fireChannelInactive();
    }
  }
}
