package io.vncgate.bench.client;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.vertx.core.json.JsonObject;
import io.vncgate.bench.Payload;
import io.vncgate.bench.proc.Sampler;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Small-message round trips, as keyboard and pointer events with their screen updates: each of
 * N connections sends one message to the echo backend, waits until all of it is back, and
 * sends the next. Every round trip in the window is timed (HdrHistogram); messages per second
 * is the number of round trips divided by the window.
 */
final class PingPongScenario {

  private static final Logger LOG = LoggerFactory.getLogger(PingPongScenario.class);

  private final Bench bench;
  /** The message every connection sends, random bytes shared read-only. */
  private final ByteBuf message;

  PingPongScenario(Bench bench) {
    this.bench = bench;
    this.message = Payload.random(bench.config.pingBytes());
  }

  void run() throws InterruptedException {
    bench.eachPoint("pingpong", "echo", this::measure);
  }

  void measure(Endpoint endpoint, int connections) throws InterruptedException {
    Recording recording = new Recording();
    List<PingPong> all = Opener.open(bench.connector, endpoint, connections, 100, () -> new PingPong(message, recording));
    List<PingPong> open = Opener.succeeded(all);
    Bench.Ends<Sampler.Sample> ends = bench.window(() -> {
      Sampler.Sample start = bench.sampler.take();
      recording.on = true;
      return start;
    }, () -> {
      recording.on = false;
      return bench.sampler.take();
    });
    Sampler.Sample from = ends.from();
    Sampler.Sample to = ends.to();
    long lost = open.stream().filter(BenchHandler::closed).count();
    Opener.closeAll(all, endpoint.webSocket());
    bench.settle();

    Histogram rtt = recording.latencies.merged();
    double seconds = (to.nanos() - from.nanos()) / 1e9;
    JsonObject result = bench.point("pingpong", endpoint, connections)
      .put("seconds", Bench.round2(seconds))
      .put("messageBytes", message.readableBytes())
      .put("msgsPerSecond", Math.round(rtt.getTotalCount() / seconds))
      .put("p50Micros", micros(rtt, 50))
      .put("p99Micros", micros(rtt, 99))
      .put("p999Micros", micros(rtt, 99.9))
      .put("maxMicros", Bench.round1(rtt.getMaxValue() / 1000.0))
      .put("opened", open.size())
      .put("lost", lost)
      .put("cores", bench.sampler.cores(from, to));
    Failures.of(all).ifPresent(f -> result.put("failures", f));
    LOG.info("pingpong {} x{}: {} msg/s, p50 {} µs, p99 {} µs", endpoint.target(), connections,
      result.getLong("msgsPerSecond"), result.getDouble("p50Micros"), result.getDouble("p99Micros"));
    bench.write(result);
  }

  static double micros(Histogram histogram, double percentile) {
    return histogram.getTotalCount() == 0 ? 0 : Bench.round1(histogram.getValueAtPercentile(percentile) / 1000.0);
  }

  /** Whether round trips count now, and their times. */
  private static final class Recording {
    volatile boolean on;
    final Latencies latencies = new Latencies();
  }

  /** One message out, wait for all of it back, time it, repeat. */
  private static final class PingPong extends BenchHandler {

    private final ByteBuf message;
    private final Recording recording;
    private long sentAt;
    private int awaited;

    PingPong(ByteBuf message, Recording recording) {
      this.message = message;
      this.recording = recording;
    }

    @Override
    protected void onOpen(ChannelHandlerContext ctx) {
      send(ctx);
    }

    @Override
    protected void onData(ChannelHandlerContext ctx, ByteBuf data) {
      awaited -= data.readableBytes();
      data.release();
      if (awaited <= 0) {
        long now = System.nanoTime();
        if (recording.on) {
          recording.latencies.record(ctx.executor(), now - sentAt);
        }
        send(ctx);
      }
    }

    private void send(ChannelHandlerContext ctx) {
      awaited = message.readableBytes();
      sentAt = System.nanoTime();
      ctx.writeAndFlush(message.duplicate());
    }
  }
}
