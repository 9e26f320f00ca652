package io.vncgate.gateway.node;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A token bucket per client address for WebSocket upgrades, shared by all event loops of a node:
 * {@code burst} at once, then {@code perSecond} on average. Full buckets are dropped now and
 * then, so the map holds only addresses that were recently busy.
 */
public final class UpgradeLimiter {

  private static final class Bucket {
    double tokens;
    long at;

    Bucket(double tokens, long at) {
      this.tokens = tokens;
      this.at = at;
    }
  }

  private final double perSecond;
  private final int burst;
  private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

  public UpgradeLimiter(double perSecond, int burst) {
    this.perSecond = perSecond;
    this.burst = burst;
  }

  /** Takes one upgrade for {@code address}; {@code false} when its bucket is empty. */
  public boolean allow(String address, long nowNanos) {
    boolean[] allowed = {false};
    buckets.compute(address, (key, bucket) -> {
      Bucket b = bucket == null ? new Bucket(burst, nowNanos) : bucket;
      b.tokens = Math.min(burst, b.tokens + (nowNanos - b.at) / 1e9 * perSecond);
      b.at = nowNanos;
      if (b.tokens >= 1) {
        b.tokens -= 1;
        allowed[0] = true;
      }
      return b;
    });
    return allowed[0];
  }

  /** Forgets addresses whose bucket has refilled. */
  public void prune(long nowNanos) {
    buckets.entrySet().removeIf(e -> e.getValue().tokens + (nowNanos - e.getValue().at) / 1e9 * perSecond >= burst);
  }
}
