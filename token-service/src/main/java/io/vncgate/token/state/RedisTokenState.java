package io.vncgate.token.state;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/**
 * Token state in Redis: {@code issued:<jti>} (TTL = the token's remaining life),
 * {@code tokens:<sub>} (sorted set of a subject's jtis by expiry), {@code revoked:<jti>} (TTL =
 * remaining life), {@code used:<jti>} (first use of a single-use token) and {@code rate:<key>}
 * (the key's issue times in the last minute). Every check-and-set is one Lua script, so two
 * instances verifying the same token at once cannot both consume it, and a revocation is
 * complete or absent.
 */
public final class RedisTokenState implements TokenState {

  // KEYS: issued, subject's tokens. ARGV: jti, exp (epoch s), now (epoch s), remaining ms.
  private static final String RECORD = """
    redis.call('SET', KEYS[1], '1', 'PX', ARGV[4])
    redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[3])
    redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
    local last = tonumber(redis.call('ZRANGE', KEYS[2], -1, -1, 'WITHSCORES')[2])
    redis.call('EXPIREAT', KEYS[2], last + 1)
    return 1
    """;

  // KEYS: issued, revoked. Revokes for exactly the issued record's remaining life.
  private static final String REVOKE = """
    local ttl = redis.call('PTTL', KEYS[1])
    if ttl <= 0 then return 0 end
    redis.call('SET', KEYS[2], '1', 'PX', ttl)
    return 1
    """;

  // KEYS: subject's tokens. ARGV: key prefix, now (epoch s). Revokes every live token listed.
  private static final String REVOKE_SUBJECT = """
    local jtis = redis.call('ZRANGEBYSCORE', KEYS[1], ARGV[2], '+inf')
    local count = 0
    for _, jti in ipairs(jtis) do
      local ttl = redis.call('PTTL', ARGV[1] .. 'issued:' .. jti)
      if ttl > 0 then
        redis.call('SET', ARGV[1] .. 'revoked:' .. jti, '1', 'PX', ttl)
        count = count + 1
      end
    end
    redis.call('DEL', KEYS[1])
    return count
    """;

  // KEYS: revoked, used. ARGV: now ms, remaining ms, single use (1/0), client ip,
  // reconnect window ms, reconnects allowed.
  private static final String ADMIT = """
    if redis.call('EXISTS', KEYS[1]) == 1 then return 'REVOKED' end
    if ARGV[3] ~= '1' then return 'OK' end
    if redis.call('HSETNX', KEYS[2], 'ip', ARGV[4]) == 1 then
      redis.call('HSET', KEYS[2], 'first', ARGV[1], 'reconnects', 0)
      redis.call('PEXPIRE', KEYS[2], ARGV[2])
      return 'FIRST_USE'
    end
    local ip = redis.call('HGET', KEYS[2], 'ip')
    local first = tonumber(redis.call('HGET', KEYS[2], 'first'))
    local reconnects = tonumber(redis.call('HGET', KEYS[2], 'reconnects'))
    if ip == ARGV[4] and tonumber(ARGV[1]) - first <= tonumber(ARGV[5]) and reconnects < tonumber(ARGV[6]) then
      redis.call('HINCRBY', KEYS[2], 'reconnects', 1)
      return 'RECONNECT'
    end
    return 'REPLAYED'
    """;

  // A sliding one-minute window: KEYS: the key's issue times (sorted set). ARGV: limit, now ms,
  // a unique member. Returns 0 when allowed, else ms until the oldest issue leaves the window.
  private static final String THROTTLE = """
    local now = tonumber(ARGV[2])
    redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - 60000)
    if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then
      local oldest = tonumber(redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')[2])
      return math.max(1, oldest + 60000 - now)
    end
    redis.call('ZADD', KEYS[1], now, ARGV[3])
    redis.call('PEXPIRE', KEYS[1], 60000)
    return 0
    """;

  private final Redis redis;
  private final String prefix;
  private final Clock clock;
  private final Duration reconnectWindow;
  private final int reconnects;

  /**
   * @param reconnectWindow how long after its first use a single-use token may reconnect
   * @param reconnects      how many reconnects it gets in that window (0 = none)
   */
  public RedisTokenState(Redis redis, String prefix, Clock clock, Duration reconnectWindow, int reconnects) {
    this.redis = redis;
    this.prefix = prefix;
    this.clock = clock;
    this.reconnectWindow = reconnectWindow;
    this.reconnects = reconnects;
  }

  @Override
  public Future<Void> recordIssued(String jti, String sub, long exp) {
    long now = clock.millis();
    return redis.send(Request.cmd(Command.EVAL).arg(RECORD).arg(2).arg(prefix + "issued:" + jti).arg(prefix + "tokens:" + sub)
      .arg(jti).arg(exp).arg(now / 1000).arg(Math.max(1, exp * 1000 - now))).mapEmpty();
  }

  @Override
  public Future<Boolean> revoke(String jti) {
    return redis.send(Request.cmd(Command.EVAL).arg(REVOKE).arg(2).arg(prefix + "issued:" + jti).arg(prefix + "revoked:" + jti))
      .map(reply -> reply.toInteger() == 1);
  }

  @Override
  public Future<Void> revokeSubject(String sub) {
    return redis.send(Request.cmd(Command.EVAL).arg(REVOKE_SUBJECT).arg(1).arg(prefix + "tokens:" + sub)
      .arg(prefix).arg(clock.millis() / 1000)).mapEmpty();
  }

  @Override
  public Future<Admission> admit(AdmissionRequest r) {
    long now = clock.millis();
    long remaining = Math.max(1, r.exp() * 1000 - now);
    return redis.send(Request.cmd(Command.EVAL).arg(ADMIT).arg(2).arg(prefix + "revoked:" + r.jti()).arg(prefix + "used:" + r.jti())
        .arg(now).arg(remaining).arg(r.singleUse() ? "1" : "0").arg(r.clientIp() == null ? "" : r.clientIp())
        .arg(reconnectWindow.toMillis()).arg(reconnects))
      .map(reply -> Admission.valueOf(reply.toString()));
  }

  @Override
  public Future<Long> throttle(String keyName, int perMinute) {
    return redis.send(Request.cmd(Command.EVAL).arg(THROTTLE).arg(1).arg(prefix + "rate:" + keyName)
        .arg(perMinute).arg(clock.millis()).arg(UUID.randomUUID().toString()))
      .map(reply -> (reply.toLong() + 999) / 1000);
  }

  @Override
  public Future<Void> ping() {
    return redis.send(Request.cmd(Command.PING)).mapEmpty();
  }
}
