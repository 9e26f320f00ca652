package io.vncgate.bench.client;

import io.vertx.core.json.JsonObject;
import io.vncgate.bench.proc.Sampler;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Session set-up: C workers, each opening a session, waiting for the desktop's first bytes (the
 * echo backend's RFB banner), closing it and opening the next at once. Through the gateway a
 * session is TCP connect, WebSocket upgrade, token verify and registry resolve over the
 * clustered event bus, the dial, and the banner relayed; through websockify a connect, upgrade,
 * fork and dial; raw TCP is the connect and the banner. Reported: sessions per second that
 * reached their first byte within the window, and the connect → first byte times.
 */
final class SetupScenario {

  private static final Logger LOG = LoggerFactory.getLogger(SetupScenario.class);

  private final Bench bench;
  private final GatewaySteps steps;

  SetupScenario(Bench bench) {
    this.bench = bench;
    this.steps = new GatewaySteps(bench.config.gatewayPort());
  }

  void run() throws InterruptedException {
    for (int concurrency : bench.config.points().get("setup")) {
      for (Endpoint endpoint : bench.config.endpoints("echo")) {
        measure(endpoint, concurrency);
      }
    }
  }

  void measure(Endpoint endpoint, int concurrency) throws InterruptedException {
    Run run = new Run(endpoint, concurrency);
    for (int i = 0; i < concurrency; i++) {
      run.next();
    }
    Bench.sleep(bench.warmupMillis());
    boolean gateway = endpoint.target().equals(Endpoint.GATEWAY);
    Map<String, double[]> stepsFrom = gateway ? steps.scrape() : Map.of();
    Sampler.Sample from = bench.sampler.take();
    run.recording = true;
    Bench.sleep(bench.measureMillis());
    run.recording = false;
    Sampler.Sample to = bench.sampler.take();
    Map<String, double[]> stepsTo = gateway ? steps.scrape() : Map.of();
    run.stopping = true;
    if (!run.stopped.await(60, TimeUnit.SECONDS)) {
      LOG.warn("setup {}: workers still busy 60 s after the window", endpoint.target());
    }
    bench.settle();

    Histogram firstByte = run.latencies.merged();
    double seconds = (to.nanos() - from.nanos()) / 1e9;
    JsonObject result = bench.point("setup", endpoint, concurrency)
      .put("seconds", Bench.round2(seconds))
      .put("sessionsPerSecond", Math.round(firstByte.getTotalCount() / seconds))
      .put("p50Micros", PingPongScenario.micros(firstByte, 50))
      .put("p99Micros", PingPongScenario.micros(firstByte, 99))
      .put("p999Micros", PingPongScenario.micros(firstByte, 99.9))
      .put("maxMicros", Bench.round1(firstByte.getMaxValue() / 1000.0))
      .put("failed", run.failures.total())
      .put("cores", bench.sampler.cores(from, to));
    run.failures.toJson().ifPresent(f -> result.put("failures", f));
    if (gateway) {
      // The gateway's own view: mean µs of verify, resolve, connect and total over the window.
      result.put("gatewayStepsMicros", GatewaySteps.means(stepsFrom, stepsTo));
    }
    LOG.info("setup {} c{}: {} sessions/s, p50 {} µs, p99 {} µs, {} failed", endpoint.target(), concurrency,
      result.getLong("sessionsPerSecond"), result.getDouble("p50Micros"), result.getDouble("p99Micros"), run.failures.total());
    bench.write(result);
  }

  /** The workers of one point. */
  private final class Run {

    final Endpoint endpoint;
    final Latencies latencies = new Latencies();
    final Failures failures = new Failures();
    /** Workers still running; the last one to stop releases {@link #stopped}. */
    final AtomicInteger active;
    final CountDownLatch stopped = new CountDownLatch(1);
    volatile boolean recording;
    volatile boolean stopping;

    Run(Endpoint endpoint, int workers) {
      this.endpoint = endpoint;
      this.active = new AtomicInteger(workers);
    }

    /** One worker's next session; a worker ends when the point is over. */
    void next() {
      if (stopping) {
        if (active.decrementAndGet() == 0) {
          stopped.countDown();
        }
        return;
      }
      BenchHandler session = new BenchHandler() {
      };
      long started = System.nanoTime();
      bench.connector.open(endpoint, session).addListener(f -> {
        if (!f.isSuccess()) {
          session.connectFailed(f.cause());
        }
      });
      session.opened().orTimeout(30, TimeUnit.SECONDS).whenComplete((v, err) -> {
        // Successes complete on the connection's event loop, so its histogram is written from its own thread.
        long elapsed = System.nanoTime() - started;
        boolean counted = recording;
        if (err == null && counted) {
          latencies.record(session.channel().eventLoop(), elapsed);
        } else if (err != null && counted) {
          failures.add(err);
        }
        if (session.channel() != null) {
          session.close(endpoint.webSocket());
        }
        if (err == null) {
          next();
        } else {
          // A refusal or an exhausted port must not become a busy loop.
          bench.timer.schedule(this::next, 10, TimeUnit.MILLISECONDS);
        }
      });
    }
  }
}
