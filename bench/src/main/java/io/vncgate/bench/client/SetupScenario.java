package io.vncgate.bench.client;

import io.vertx.core.json.JsonObject;
import io.vncgate.bench.proc.Sampler;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Session set-up: C workers, each opening a session, waiting for the desktop's first bytes (the
 * echo backend's RFB banner), closing it and opening the next at once. Through the gateway a
 * session is TCP connect, WebSocket upgrade, token verify and registry resolve over the
 * clustered event bus, the dial, and the banner relayed; through websockify a connect, upgrade,
 * fork and dial; raw TCP is the connect and the banner. Reported: sessions per second that
 * reached their first byte within the window, and the connect → first byte times.
 *
 * <p>Every line says which tokens the gateway saw ({@code "tokens"}): {@code reused} is the one
 * token per backend that run.sh issued, used by every session, so after the first the token
 * service answers from its cache of verified signatures; {@code fresh} is a point of its own at
 * each concurrency in the config's {@code freshTokens}, where every session opens with a token
 * never used before (issued over REST just before the point), so each one pays for a full
 * signature check, as a user opening a new link does. It ends when its tokens run out or its
 * window does, whichever comes first. Raw TCP and websockify have no token ({@code none}).
 */
final class SetupScenario {

  private static final Logger LOG = LoggerFactory.getLogger(SetupScenario.class);
  static final String REUSED = "reused";
  static final String FRESH = "fresh";
  static final String NONE = "none";

  private final Bench bench;
  private final GatewaySteps steps;

  SetupScenario(Bench bench) {
    this.bench = bench;
    this.steps = new GatewaySteps(bench.config.gatewayPort());
  }

  void run() throws InterruptedException {
    for (int concurrency : bench.config.points().get("setup")) {
      bench.repeated(() -> {
        for (Endpoint endpoint : bench.config.endpoints("echo")) {
          measure(endpoint, concurrency);
        }
        Integer fresh = bench.config.freshTokens().get(concurrency);
        if (fresh != null && fresh > 0) {
          measureFresh("echo", concurrency, fresh);
        }
      });
    }
  }

  /** One point with the endpoint's own (reused) token, a warm-up and a window of the configured lengths. */
  void measure(Endpoint endpoint, int concurrency) throws InterruptedException {
    Run run = new Run(endpoint.webSocket(), concurrency, () -> endpoint);
    run.start();
    boolean gateway = endpoint.target().equals(Endpoint.GATEWAY);
    Window window = bench.after(bench.warmupMillis(), () -> Window.open(bench, gateway ? steps : null, run));
    JsonObject result = bench.after(bench.measureMillis(),
      () -> window.close(bench.point("setup", endpoint, concurrency).put("tokens", gateway ? REUSED : NONE)));
    finish(run, endpoint.target());
    log(result, endpoint.target(), concurrency);
    bench.write(result);
  }

  /**
   * The gateway with a token per session: issues {@code tokens} tokens for the backend's host,
   * then runs {@code concurrency} workers that each take the next unused token for every
   * session. The first tenth of the tokens (at least two per worker, at most half of them) are
   * the warm-up; the window then lasts until the tokens run out or for the configured length,
   * whichever is shorter. A token whose session fails is not used again.
   */
  void measureFresh(String backend, int concurrency, int tokens) throws InterruptedException {
    TokenIssuer.Issued issued = TokenIssuer.of(bench.config).issue("bench-" + backend, tokens);
    List<String> fresh = issued.tokens();
    LOG.info("setup gateway c{} fresh: issued {} tokens in {} s ({} failed)", concurrency, fresh.size(),
      Bench.round2(issued.seconds()), issued.failures().total());
    Endpoint any = bench.config.gatewayWith(backend, "");
    JsonObject line = bench.point("setup", any, concurrency).put("tokens", FRESH).put("tokensRequested", tokens)
      .put("tokensIssued", fresh.size()).put("issueSeconds", Bench.round2(issued.seconds()));
    issued.failures().toJson().ifPresent(f -> line.put("issueFailures", f));
    if (issued.retries() > 0) {
      line.put("issueRetries", issued.retries());
    }
    int warmup = Math.min(fresh.size() / 2, Math.max(fresh.size() / 10, 2 * concurrency));
    if (fresh.size() - warmup < concurrency) {
      LOG.error("setup gateway c{} fresh: only {} tokens, too few to measure", concurrency, fresh.size());
      bench.write(line.put("failed", 0).put("notMeasured", "too few tokens: " + fresh.size()));
      return;
    }
    AtomicInteger taken = new AtomicInteger();
    CountDownLatch warmedUp = new CountDownLatch(1);
    CountDownLatch exhausted = new CountDownLatch(1);
    Run run = new Run(true, concurrency, () -> {
      int i = taken.getAndIncrement();
      if (i >= fresh.size()) {
        exhausted.countDown();
        return null;
      }
      if (i == warmup - 1) {
        warmedUp.countDown();
      }
      return bench.config.gatewayWith(backend, fresh.get(i));
    });
    run.start();
    warmedUp.await(bench.warmupMillis(), TimeUnit.MILLISECONDS);
    int warmupUsed = Math.min(taken.get(), fresh.size());
    Window window = Window.open(bench, steps, run);
    boolean ranOut = exhausted.await(bench.measureMillis(), TimeUnit.MILLISECONDS);
    int usedInWindow = Math.min(taken.get(), fresh.size()) - warmupUsed;
    JsonObject result = window.close(line);
    finish(run, "gateway (fresh tokens)");
    result.put("warmupTokens", warmupUsed).put("windowTokens", usedInWindow)
      .put("tokensUnused", Math.max(0, fresh.size() - taken.get())).put("windowEndedBy", ranOut ? "tokens" : "time");
    log(result, "gateway (fresh tokens)", concurrency);
    bench.write(result);
  }

  /** Stops the workers after a window and waits for the connections to be gone. */
  private void finish(Run run, String what) throws InterruptedException {
    run.stopping = true;
    if (!run.stopped.await(60, TimeUnit.SECONDS)) {
      LOG.warn("setup {}: workers still busy 60 s after the window", what);
    }
    bench.settle();
  }

  private static void log(JsonObject result, String target, int concurrency) {
    LOG.info("setup {} c{}: {} sessions/s, p50 {} µs, p99 {} µs, {} failed", target, concurrency,
      result.getLong("sessionsPerSecond"), result.getDouble("p50Micros"), result.getDouble("p99Micros"), result.getLong("failed"));
  }

  /** A measurement window over a running point: CPU and gateway step figures at both ends, latencies in between. */
  private record Window(Bench bench, GatewaySteps steps, Run run, Map<String, double[]> stepsFrom, Sampler.Sample from) {

    static Window open(Bench bench, GatewaySteps steps, Run run) {
      Map<String, double[]> stepsFrom = steps == null ? Map.of() : steps.scrape();
      Sampler.Sample from = bench.sampler.take();
      run.recording = true;
      return new Window(bench, steps, run, stepsFrom, from);
    }

    /** Ends the window and adds its figures to {@code result}. */
    JsonObject close(JsonObject result) {
      run.recording = false;
      Sampler.Sample to = bench.sampler.take();
      Map<String, double[]> stepsTo = steps == null ? Map.of() : steps.scrape();
      Histogram firstByte = run.latencies.merged();
      double seconds = (to.nanos() - from.nanos()) / 1e9;
      result.put("seconds", Bench.round2(seconds))
        .put("sessions", firstByte.getTotalCount())
        .put("sessionsPerSecond", Math.round(firstByte.getTotalCount() / seconds))
        .put("p50Micros", PingPongScenario.micros(firstByte, 50))
        .put("p99Micros", PingPongScenario.micros(firstByte, 99))
        .put("p999Micros", PingPongScenario.micros(firstByte, 99.9))
        .put("maxMicros", Bench.round1(firstByte.getMaxValue() / 1000.0))
        .put("failed", run.failures.total())
        .put("cores", bench.sampler.cores(from, to));
      run.failures.toJson().ifPresent(f -> result.put("failures", f));
      if (steps != null) {
        // The gateway's own view: mean µs of verify, resolve, connect and total over the window.
        result.put("gatewayStepsMicros", GatewaySteps.means(stepsFrom, stepsTo));
      }
      return result;
    }
  }

  /** The workers of one point. */
  private final class Run {

    final boolean webSocket;
    final int workers;
    /** Where the next session goes (with which token); {@code null} when there is nothing left to open. */
    final Supplier<Endpoint> endpoints;
    final Latencies latencies = new Latencies();
    final Failures failures = new Failures();
    /** Workers still running; the last one to stop releases {@link #stopped}. */
    final AtomicInteger active;
    final CountDownLatch stopped = new CountDownLatch(1);
    volatile boolean recording;
    volatile boolean stopping;

    Run(boolean webSocket, int workers, Supplier<Endpoint> endpoints) {
      this.webSocket = webSocket;
      this.workers = workers;
      this.endpoints = endpoints;
      this.active = new AtomicInteger(workers);
    }

    void start() {
      for (int i = 0; i < workers; i++) {
        next();
      }
    }

    /** One worker's next session; a worker ends when the point is over or nothing is left to open. */
    void next() {
      Endpoint endpoint = stopping ? null : endpoints.get();
      if (endpoint == null) {
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
          session.close(webSocket);
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
