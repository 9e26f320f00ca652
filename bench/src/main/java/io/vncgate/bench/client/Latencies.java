package io.vncgate.bench.client;

import io.netty.util.concurrent.EventExecutor;
import org.HdrHistogram.Histogram;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Latency samples of one measurement, in nanoseconds: one HdrHistogram per event loop, each
 * written only from its own thread (a connection's callbacks all run on its event loop), so
 * recording takes no lock. {@link #merged()} reads each histogram on its own thread.
 */
final class Latencies {

  /** Up to a minute, three significant digits. */
  private static final long HIGHEST_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final Map<EventExecutor, Histogram> perLoop = new ConcurrentHashMap<>();

  /** The histogram of the calling event loop. */
  Histogram of(EventExecutor loop) {
    return perLoop.computeIfAbsent(loop, l -> new Histogram(HIGHEST_NANOS, 3));
  }

  void record(EventExecutor loop, long nanos) {
    of(loop).recordValue(Math.min(Math.max(nanos, 0), HIGHEST_NANOS));
  }

  Histogram merged() {
    Histogram total = new Histogram(HIGHEST_NANOS, 3);
    perLoop.forEach((loop, histogram) -> total.add(loop.submit(histogram::copy).syncUninterruptibly().getNow()));
    return total;
  }
}
