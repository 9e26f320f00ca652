package io.vncgate.registry.store;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Probe bookkeeping: which instance probes a host this interval (a lock per host, so registry
 * instances share the work instead of doubling it), and the verdicts. A host goes {@code down}
 * after {@code failuresToDown} failed probes in a row and {@code up} again after one success.
 */
public final class RedisHealthStore {

  // KEYS: health hash, host hash. ARGV: ok (1/0), now ms, error, failures to go down. A host
  // that expired while it was probed gets no verdict; the one it had goes with its id when a
  // reader next meets it (RedisHostStore, whose list starts every probe round).
  private static final String RECORD = """
    if redis.call('EXISTS', KEYS[2]) == 0 then return 0 end
    local status = redis.call('HGET', KEYS[1], 'status') or 'unknown'
    local next
    if ARGV[1] == '1' then
      next = 'up'
      redis.call('HSET', KEYS[1], 'failures', 0, 'lastError', '')
    else
      local failures = redis.call('HINCRBY', KEYS[1], 'failures', 1)
      redis.call('HSET', KEYS[1], 'lastError', ARGV[3])
      if failures >= tonumber(ARGV[4]) then next = 'down' else next = status end
    end
    if next ~= status then redis.call('HSET', KEYS[1], 'status', next, 'since', ARGV[2]) end
    redis.call('HSET', KEYS[1], 'checkedAt', ARGV[2])
    return 1
    """;

  private final Redis redis;
  private final Keys keys;
  private final Clock clock;
  private final int failuresToDown;

  public RedisHealthStore(Redis redis, String prefix, Clock clock, int failuresToDown) {
    this.redis = redis;
    this.keys = new Keys(prefix);
    this.clock = clock;
    this.failuresToDown = failuresToDown;
  }

  /** The ids of the hosts this instance won the probe lock for in this interval. */
  public Future<List<String>> claim(List<String> ids, String owner, Duration interval) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    List<Request> locks = new ArrayList<>();
    ids.forEach(id -> locks.add(Request.cmd(Command.SET).arg(keys.probe(id)).arg(owner).arg("NX").arg("PX").arg(interval.toMillis())));
    return redis.batch(locks).map(replies -> {
      List<String> mine = new ArrayList<>();
      for (int i = 0; i < ids.size(); i++) {
        if (replies.get(i) != null && "OK".equals(replies.get(i).toString())) {
          mine.add(ids.get(i));
        }
      }
      return mine;
    });
  }

  /** Records one probe's result for a host that still exists. */
  public Future<Void> record(String id, boolean ok, String error) {
    return redis.send(Request.cmd(Command.EVAL).arg(RECORD).arg(2).arg(keys.health(id)).arg(keys.host(id))
      .arg(ok ? "1" : "0").arg(clock.millis()).arg(error == null ? "" : error).arg(failuresToDown)).mapEmpty();
  }
}
