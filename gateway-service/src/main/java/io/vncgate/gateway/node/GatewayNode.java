package io.vncgate.gateway.node;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vncgate.gateway.GatewayConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the event loops of one gateway node share: the live session count (for
 * {@code VNCGATE_MAX_SESSIONS}), the per-address upgrade limiter, the meters, and the drain.
 */
public final class GatewayNode {

  private static final Logger LOG = LoggerFactory.getLogger(GatewayNode.class);

  /** One event loop's part in a drain: end its sessions with 1001 and report when they are gone. */
  public interface Drainable {
    Future<Void> closeAll();
  }

  private final AtomicInteger sessions = new AtomicInteger();
  private final AtomicBoolean draining = new AtomicBoolean();
  private final UpgradeLimiter upgrades;
  private final GatewayMetrics metrics;
  private final List<Drainable> loops = new CopyOnWriteArrayList<>();
  private final int maxSessions;
  private final Duration drainTimeout;
  private volatile Vertx vertx;
  private volatile Runnable onDrained = () -> { };
  private Future<Void> drainResult;

  public GatewayNode(GatewayConfig config, PrometheusMeterRegistry registry) {
    this.upgrades = new UpgradeLimiter(config.limits().upgradesPerSecond(), config.limits().upgradeBurst());
    this.metrics = new GatewayMetrics(registry, sessions, draining::get);
    this.maxSessions = config.limits().maxSessions();
    this.drainTimeout = config.drainTimeout();
  }

  /** Called by each event loop's verticle as it starts; the drain's timers run on Vert.x. */
  public void attach(Vertx vertx) {
    this.vertx = vertx;
  }

  public GatewayMetrics metrics() {
    return metrics;
  }

  public UpgradeLimiter upgrades() {
    return upgrades;
  }

  public boolean draining() {
    return draining.get();
  }

  /** Counts a session in, unless the node is full; {@code false} = refuse it. */
  public boolean admit() {
    while (true) {
      int now = sessions.get();
      if (maxSessions > 0 && now >= maxSessions) {
        return false;
      }
      if (sessions.compareAndSet(now, now + 1)) {
        return true;
      }
    }
  }

  public void release() {
    sessions.decrementAndGet();
  }

  public int sessions() {
    return sessions.get();
  }

  public void register(Drainable loop) {
    loops.add(loop);
  }

  /** What to do once a drain is over (the launcher exits the process with 0). */
  public void onDrained(Runnable action) {
    this.onDrained = action;
  }

  /**
   * Drains the node ({@code VNCGATE_DRAIN_SECONDS}); {@code false} when it cannot (not started yet).
   * @see #drain(Duration)
   */
  public boolean drain() {
    if (vertx == null) {
      return false;
    }
    drain(drainTimeout);
    return true;
  }

  /**
   * Drains the node: readiness turns 503 and new sessions are refused with 1001 at once; live
   * sessions may run up to {@code deadline}, then the rest are closed with 1001. Completes (and
   * runs the drained action) when no session is left. Calling it again returns the same drain.
   */
  public synchronized Future<Void> drain(Duration deadline) {
    if (drainResult != null) {
      return drainResult;
    }
    draining.set(true);
    LOG.info("draining: {} live session(s), up to {} s", sessions.get(), deadline.toSeconds());
    Promise<Void> done = Promise.promise();
    long end = System.nanoTime() + deadline.toNanos();
    waitForSessions(end, done);
    drainResult = done.future()
      .compose(v -> Future.join(loops.stream().map(Drainable::closeAll).toList()).otherwiseEmpty().mapEmpty())
      .onComplete(ar -> {
        LOG.info("drained");
        onDrained.run();
      })
      .mapEmpty();
    return drainResult;
  }

  private void waitForSessions(long end, Promise<Void> done) {
    if (sessions.get() == 0 || System.nanoTime() >= end) {
      done.tryComplete();
    } else {
      vertx.setTimer(200, t -> waitForSessions(end, done));
    }
  }
}
