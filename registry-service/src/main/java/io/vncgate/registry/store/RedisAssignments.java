package io.vncgate.registry.store;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vncgate.shared.bus.BusFailure;

import java.time.Clock;
import java.time.Duration;

/**
 * Picks the desktop for a new session and reserves a place on it, atomically (one Lua script),
 * so concurrent resolves on any number of registry instances never put more sessions on a host
 * than its {@code maxSessions}.
 *
 * <p>A host's load is its {@code sessions:<id>} sorted set: sessions the gateways report (kept
 * while their reports are fresh) plus reservations made here (kept until the session shows up
 * in a report, or {@code reservation} passes). In a pool the least-loaded healthy host with a
 * free place wins, load counted as sessions ÷ weight. A single host is not skipped for failing
 * probes (the dial will tell), but it is full at {@code maxSessions} too. A subject with
 * {@code perUser} live sessions anywhere gets no more (sessions are counted per subject the same
 * way, in {@code user-sessions:<sub>}, only while there is such a limit).
 *
 * <p>Every entry's score is the time it stops counting, and each set expires with its
 * longest-lived entry: a session that ends before any report lists it (most short ones) leaves
 * nothing behind once its reservation has passed, whether or not the set is read again.
 */
public final class RedisAssignments {

  // KEYS: the pool set, or the host hash for a single host. ARGV: prefix, now ms, session id,
  // reservation ms, 'pool' | 'host', host id (single host only), subject, sessions per subject (0 = any).
  private static final String ASSIGN = KeyLife.KEEP + """
    local prefix, now, hold = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[4])
    local user, perUser = prefix .. 'user-sessions:' .. ARGV[7], tonumber(ARGV[8])
    if perUser > 0 then
      redis.call('ZREMRANGEBYSCORE', user, '-inf', now)
      if redis.call('ZCARD', user) >= perUser then return { 'USER' } end
    end
    local ids
    if ARGV[5] == 'pool' then ids = redis.call('SMEMBERS', KEYS[1]) else ids = { ARGV[6] } end
    local best, bestLoad, anyHost, anyHealthy = nil, nil, false, false
    for _, id in ipairs(ids) do
      local host = prefix .. 'host:' .. id
      if redis.call('EXISTS', host) == 0 then
        if ARGV[5] == 'pool' then redis.call('SREM', KEYS[1], id) end
      else
        anyHost = true
        local down = ARGV[5] == 'pool' and redis.call('HGET', prefix .. 'health:' .. id, 'status') == 'down'
        if not down then
          anyHealthy = true
          local sessions = prefix .. 'sessions:' .. id
          redis.call('ZREMRANGEBYSCORE', sessions, '-inf', now)
          local count = redis.call('ZCARD', sessions)
          local max = tonumber(redis.call('HGET', host, 'maxSessions') or '0')
          local weight = tonumber(redis.call('HGET', host, 'weight') or '1')
          if max == 0 or count < max then
            local load = count / weight
            if best == nil or load < bestLoad then best, bestLoad = id, load end
          end
        end
      end
    end
    if not anyHost then return { '404' } end
    if not anyHealthy then return { '503' } end
    if best == nil then return { '429' } end
    local sessions = prefix .. 'sessions:' .. best
    redis.call('ZADD', sessions, now + hold, ARGV[3])
    keep(sessions, hold)
    if perUser > 0 then
      redis.call('ZADD', user, now + hold, ARGV[3])
      keep(user, hold)
    end
    local fields = redis.call('HMGET', prefix .. 'host:' .. best, 'host', 'port', 'credential', 'tls')
    return { 'OK', best, fields[1], fields[2], fields[3] or '', fields[4] or '0' }
    """;

  /** Where a session goes; {@code credential} is still encrypted (or {@code null}). */
  public record Assignment(String hostId, String host, int port, String credential, boolean tls) {

    @Override
    public String toString() {
      return "Assignment[" + hostId + " " + host + ":" + port + "]";
    }
  }

  /** Why no desktop was assigned: a {@link BusFailure} code, and whether the user's own limit was the reason. */
  public static final class NoDesktop extends RuntimeException {

    private final int code;
    private final boolean userLimit;

    NoDesktop(int code, boolean userLimit) {
      super("no desktop: " + code, null, false, false);
      this.code = code;
      this.userLimit = userLimit;
    }

    public int code() {
      return code;
    }

    public boolean userLimit() {
      return userLimit;
    }
  }

  private final Redis redis;
  private final Keys keys;
  private final Clock clock;
  private final Duration reservation;
  private final int perUser;

  /** @param perUser live sessions one subject may have across all gateways, 0 = no limit */
  public RedisAssignments(Redis redis, String prefix, Clock clock, Duration reservation, int perUser) {
    this.redis = redis;
    this.keys = new Keys(prefix);
    this.clock = clock;
    this.reservation = reservation;
    this.perUser = perUser;
  }

  /** Assigns a session of {@code sub} to one host, or to the best host of a pool (exactly one is non-null). */
  public Future<Assignment> assign(String hostId, String pool, String sub, String sessionId) {
    boolean isPool = pool != null;
    Request request = Request.cmd(Command.EVAL).arg(ASSIGN).arg(1).arg(isPool ? keys.pool(pool) : keys.host(hostId))
      .arg(keys.prefix()).arg(clock.millis()).arg(sessionId).arg(reservation.toMillis()).arg(isPool ? "pool" : "host")
      .arg(isPool ? "" : hostId).arg(sub == null ? "" : sub).arg(perUser);
    return redis.send(request).map(RedisAssignments::toAssignment);
  }

  private static Assignment toAssignment(Response reply) {
    String verdict = reply.get(0).toString();
    if ("USER".equals(verdict)) {
      throw new NoDesktop(BusFailure.FULL, true);
    }
    if (!"OK".equals(verdict)) {
      throw new NoDesktop(Integer.parseInt(verdict), false);
    }
    String credential = reply.get(4).toString();
    return new Assignment(reply.get(1).toString(), reply.get(2).toString(), Integer.parseInt(reply.get(3).toString()),
      credential.isEmpty() ? null : credential, "1".equals(reply.get(5).toString()));
  }
}
