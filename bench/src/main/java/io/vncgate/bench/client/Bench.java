package io.vncgate.bench.client;

import io.netty.channel.EventLoopGroup;
import io.vertx.core.json.JsonObject;
import io.vncgate.bench.Transport;
import io.vncgate.bench.proc.Sampler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * What every scenario uses: the connector and its event loops, the CPU sampler, the backend's
 * control port, the results file, and the wait for the previous point's connections to be gone.
 */
final class Bench implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Bench.class);
  /** The longest wait for one point's connections to be gone before the next point starts. */
  private static final int SETTLE_SECONDS = 30;

  final BenchConfig config;
  final EventLoopGroup group;
  final Connector connector;
  final Sampler sampler;
  final BackendControl backend;
  /** The ends of measured windows and delayed retries, off the event loops. */
  final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "bench-timer");
    thread.setDaemon(true);
    return thread;
  });
  private final Path results;
  private final String runId;
  private volatile boolean muted;
  /** Which repetition of a point {@link #eachPoint} is measuring (1, 2, …), 0 outside it. */
  private volatile int repetition;
  private volatile long warmupMillis;
  private volatile long measureMillis;

  Bench(BenchConfig config, Path results) throws IOException {
    this.config = config;
    this.results = results;
    this.runId = results.getFileName().toString().replaceFirst("\\.jsonl$", "");
    // As many event loops as cores: the load generator shares the machine with everything it measures.
    this.group = Transport.group(Runtime.getRuntime().availableProcessors(), "client");
    this.connector = new Connector(group);
    Map<String, Long> pids = new LinkedHashMap<>(config.pids());
    pids.put("client", ProcessHandle.current().pid());
    Set<String> trees = pids.keySet().stream().filter(n -> n.startsWith("websockify")).collect(Collectors.toSet());
    this.sampler = new Sampler(pids, trees, config.ticksPerSecond());
    this.backend = new BackendControl(config.backendPorts().get("control"));
    this.warmupMillis = config.warmupMillis();
    this.measureMillis = config.measureMillis();
  }

  long warmupMillis() {
    return warmupMillis;
  }

  long measureMillis() {
    return measureMillis;
  }

  /** Runs {@code body} with other durations and without writing results (the JIT warm-up). */
  void unrecorded(long warmup, long measure, Body body) throws InterruptedException {
    muted = true;
    warmupMillis = warmup;
    measureMillis = measure;
    try {
      body.run();
    } finally {
      muted = false;
      warmupMillis = config.warmupMillis();
      measureMillis = config.measureMillis();
    }
  }

  /** A step that may be interrupted. */
  interface Body {
    void run() throws InterruptedException;
  }

  /** One measurement: an endpoint (raw TCP, gateway or websockify) at a number of connections. */
  interface Point {
    void measure(Endpoint endpoint, int connections) throws InterruptedException;
  }

  /**
   * Measures every point of {@code scenario} (its connection counts from the config) against
   * every endpoint in front of {@code backend}, in the order raw TCP, gateway, websockify; that
   * round {@link #repeated repeated}.
   */
  void eachPoint(String scenario, String backend, Point point) throws InterruptedException {
    for (int connections : config.points().get(scenario)) {
      repeated(() -> {
        for (Endpoint endpoint : config.endpoints(backend)) {
          point.measure(endpoint, connections);
        }
      });
    }
  }

  /**
   * Runs {@code round} (one point against every endpoint) {@code repetitions} times, each
   * result line marked with its repetition, so that each endpoint's repetitions are spread over
   * the same stretch of time and a slow minute of the machine does not fall on one endpoint only.
   */
  void repeated(Body round) throws InterruptedException {
    try {
      for (repetition = 1; repetition <= config.repetitions(); repetition++) {
        round.run();
      }
    } finally {
      repetition = 0;
    }
  }

  /** A result line with the fields every line has (and which repetition of its point it is, when there are several). */
  JsonObject point(String scenario, Endpoint endpoint, int connections) {
    JsonObject line = new JsonObject().put("run", runId).put("profile", config.profile()).put("scenario", scenario)
      .put("target", endpoint.target()).put("backend", endpoint.backend()).put("connections", connections);
    if (repetition > 0 && config.repetitions() > 1) {
      line.put("repetition", repetition);
    }
    return line;
  }

  /** Appends one line to the results file (each scenario logs its own summary of it). */
  synchronized void write(JsonObject line) {
    if (muted) {
      return;
    }
    try {
      Files.writeString(results, line.encode() + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new IllegalStateException("cannot append to " + results, e);
    }
  }

  /**
   * Runs {@code action} on the bench's timer {@code millis} from now and returns its result once
   * it has run: how a scenario lets its load run for a while and then takes its figures.
   */
  <T> T after(long millis, Supplier<T> action) throws InterruptedException {
    CompletableFuture<T> done = new CompletableFuture<>();
    timer.schedule(() -> {
      try {
        done.complete(action.get());
      } catch (RuntimeException e) {
        done.completeExceptionally(e);
      }
    }, millis, TimeUnit.MILLISECONDS);
    try {
      return done.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("a timed step failed", e.getCause());
    }
  }

  /**
   * The measured window over a running load: {@code atStart} when the warm-up is over,
   * {@code atEnd} when the window is; returns what each took.
   */
  <M> Ends<M> window(Supplier<M> atStart, Supplier<M> atEnd) throws InterruptedException {
    M from = after(warmupMillis, atStart);
    return new Ends<>(from, after(measureMillis, atEnd));
  }

  /** What was taken at the start and at the end of a window. */
  record Ends<M>(M from, M to) {
  }

  /**
   * Waits until the backend holds no connection and no websockify has a connection process left,
   * so that one point's teardown never overlaps the next point's measurement: the backend
   * answers when its last connection closes, and each connection process's exit is awaited.
   */
  void settle() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SETTLE_SECONDS);
    boolean backendIdle = backend.awaitIdle(Duration.ofSeconds(SETTLE_SECONDS));
    CompletableFuture<?>[] exits = config.pids().entrySet().stream().filter(e -> e.getKey().startsWith("websockify"))
      .flatMap(e -> ProcessHandle.of(e.getValue()).stream()).flatMap(ProcessHandle::descendants)
      .map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
    try {
      CompletableFuture.allOf(exits).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException | ExecutionException e) {
      LOG.warn("websockify connection processes still there after {} s; going on", SETTLE_SECONDS);
    }
    if (!backendIdle) {
      LOG.warn("still {} backend connections after {} s; going on", backend.open(), SETTLE_SECONDS);
    }
  }

  static double round1(double value) {
    return Math.round(value * 10) / 10.0;
  }

  static double round2(double value) {
    return Math.round(value * 100) / 100.0;
  }

  @Override
  public void close() throws IOException {
    timer.shutdownNow();
    backend.close();
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
