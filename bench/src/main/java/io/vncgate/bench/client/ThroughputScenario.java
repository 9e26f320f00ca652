package io.vncgate.bench.client;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.vertx.core.json.JsonObject;
import io.vncgate.bench.Payload;
import io.vncgate.bench.proc.Sampler;
import io.vncgate.bench.ws.WsPrepared;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.concurrent.atomic.LongAdder;

/**
 * Bulk throughput through N connections at once.
 *
 * <ul>
 *   <li>downstream: the push backend streams to every client, which counts what it receives
 *       (the desktop → browser direction: framebuffer updates);</li>
 *   <li>upstream: every client sends fixed-size messages as fast as its connection takes them
 *       (over WebSocket as frames masked in advance, {@link WsPrepared}) to the sink backend,
 *       which counts what arrives.</li>
 * </ul>
 * The relay's CPU time over the window (gateway process; websockify's process tree) divided by
 * the gigabytes it moved gives its CPU seconds per GB.
 */
final class ThroughputScenario {

  private static final Logger LOG = LoggerFactory.getLogger(ThroughputScenario.class);

  /** Masked frames prepared per upstream message: a few, so that keys vary, and few enough to stay in cache. */
  private static final int PREPARED_FRAMES = 8;

  private final Bench bench;
  /** One upstream message of random bytes, shared read-only by every connection. */
  private final ByteBuf payload;
  /** The same message as WebSocket frames with keys of their own, sent in turn. */
  private final List<WsPrepared> frames;

  ThroughputScenario(Bench bench) {
    this.bench = bench;
    this.payload = Payload.random(bench.config.upstreamFrameBytes());
    this.frames = WsPrepared.binary(payload, PREPARED_FRAMES);
  }

  void downstream() throws InterruptedException {
    bench.eachPoint("downstream", "push", this::downstream);
  }

  void upstream() throws InterruptedException {
    bench.eachPoint("upstream", "sink", this::upstream);
  }

  void downstream(Endpoint endpoint, int connections) throws InterruptedException {
    LongAdder received = new LongAdder();
    measure("downstream", endpoint, connections, () -> new Counting(received), received::sum);
  }

  void upstream(Endpoint endpoint, int connections) throws InterruptedException {
    Supplier<BenchHandler> floods = endpoint.webSocket()
      ? () -> new Flood(new Turns(frames))
      : () -> new Flood(payload::duplicate);
    measure("upstream", endpoint, connections, floods, bench.backend::sinkBytes);
  }

  private void measure(String scenario, Endpoint endpoint, int connections, Supplier<BenchHandler> handlers,
                       LongSupplier bytes) throws InterruptedException {
    List<BenchHandler> all = Opener.open(bench.connector, endpoint, connections, 100, handlers);
    List<BenchHandler> open = Opener.succeeded(all);
    Supplier<Mark> mark = () -> new Mark(bench.sampler.take(), bytes.getAsLong());
    Bench.Ends<Mark> ends = bench.window(mark, mark);
    Sampler.Sample from = ends.from().sample();
    Sampler.Sample to = ends.to().sample();
    long bytesFrom = ends.from().bytes();
    long bytesTo = ends.to().bytes();
    long lost = open.stream().filter(BenchHandler::closed).count();
    Opener.closeAll(all, endpoint.webSocket());
    bench.settle();

    double seconds = (to.nanos() - from.nanos()) / 1e9;
    double gigabytes = (bytesTo - bytesFrom) / 1e9;
    JsonObject result = bench.point(scenario, endpoint, connections)
      .put("seconds", Bench.round2(seconds))
      .put("bytesPerSecond", Math.round((bytesTo - bytesFrom) / seconds))
      .put("opened", open.size())
      .put("lost", lost)
      .put("cores", bench.sampler.cores(from, to));
    if (scenario.equals("upstream")) {
      result.put("frameBytes", bench.config.upstreamFrameBytes());
    }
    if (endpoint.relay() != null && gigabytes > 0) {
      result.put("cpuSecondsPerGB", Math.round(bench.sampler.cpuSeconds(from, to, endpoint.relay()) / gigabytes * 1000) / 1000.0);
    }
    Failures.of(all).ifPresent(f -> result.put("failures", f));
    LOG.info("{} {} x{}: {} MB/s", scenario, endpoint.target(), connections, Math.round((bytesTo - bytesFrom) / seconds / 1e6));
    bench.write(result);
  }

  /** The machine's CPU figures and the bytes moved so far, at one end of the window. */
  private record Mark(Sampler.Sample sample, long bytes) {
  }

  /** Counts every byte after the banner. */
  private static final class Counting extends BenchHandler {

    private final LongAdder received;

    Counting(LongAdder received) {
      this.received = received;
    }

    @Override
    protected void onData(ChannelHandlerContext ctx, ByteBuf data) {
      received.add(data.readableBytes());
      data.release();
    }
  }

  /** The prepared frames, one after another, round and round. */
  private static final class Turns implements Supplier<Object> {

    private final List<WsPrepared> frames;
    private int next;

    Turns(List<WsPrepared> frames) {
      this.frames = frames;
    }

    @Override
    public Object get() {
      WsPrepared frame = frames.get(next);
      next = (next + 1) % frames.size();
      return frame;
    }
  }

  /** Writes messages while the connection is writable; resumes when it drains. */
  private static final class Flood extends BenchHandler {

    private final Supplier<Object> messages;
    private boolean flooding;

    Flood(Supplier<Object> messages) {
      this.messages = messages;
    }

    @Override
    protected void onOpen(ChannelHandlerContext ctx) {
      flooding = true;
      fill(ctx);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
      if (flooding) {
        fill(ctx);
      }
      ctx.fireChannelWritabilityChanged();
    }

    private void fill(ChannelHandlerContext ctx) {
      while (ctx.channel().isActive() && ctx.channel().isWritable()) {
        ctx.write(messages.get());
      }
      ctx.flush();
    }
  }
}
