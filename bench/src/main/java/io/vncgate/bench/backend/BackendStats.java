package io.vncgate.bench.backend;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the load generator asks the backend process over its control port: the bytes the sink
 * received (upstream throughput is measured where the bytes arrive, not where they were queued)
 * and the connections open now, with a notice when the last one closes (a scenario starts only
 * after the previous one's are gone).
 */
final class BackendStats {

  private final LongAdder sinkBytes = new LongAdder();
  private final ChannelHandler counter = new ConnectionCounter();
  /** Guarded by {@code this}, with {@link #open}'s changes. */
  private final List<Runnable> whenIdle = new ArrayList<>();
  private long open;

  void sinkReceived(int bytes) {
    sinkBytes.add(bytes);
  }

  ChannelHandler connectionCounter() {
    return counter;
  }

  synchronized JsonObject toJson() {
    return new JsonObject().put("sinkBytes", sinkBytes.sum()).put("open", open);
  }

  /** Runs {@code action} once no connection is open: now, or when the last one closes. */
  void whenIdle(Runnable action) {
    synchronized (this) {
      if (open > 0) {
        whenIdle.add(action);
        return;
      }
    }
    action.run();
  }

  private synchronized void opened() {
    open++;
  }

  private void closed() {
    List<Runnable> due;
    synchronized (this) {
      if (--open > 0 || whenIdle.isEmpty()) {
        return;
      }
      due = List.copyOf(whenIdle);
      whenIdle.clear();
    }
    due.forEach(Runnable::run);
  }

  @ChannelHandler.Sharable
  private final class ConnectionCounter extends ChannelInboundHandlerAdapter {

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      opened();
      ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      closed();
      ctx.fireChannelInactive();
    }
  }
}
