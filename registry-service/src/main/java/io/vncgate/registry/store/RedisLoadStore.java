package io.vncgate.registry.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vncgate.shared.bus.LoadReport;
import io.vncgate.shared.bus.SessionInfo;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The gateways' load reports: each report replaces its reporter's previous one, refreshes its
 * sessions on their hosts' {@code sessions:} sets and drops the sessions it no longer lists; all
 * of it expires after {@code ttl}, so a gateway that dies stops counting by itself, and the keys
 * go when nothing in them counts any more ({@link KeyLife}).
 */
public final class RedisLoadStore {

  // KEYS: reporter hash (session → host and subject). ARGV: prefix, now ms, ttl ms, reporter,
  // report JSON, '1' when sessions are counted per subject (a per-user limit is set) else '0',
  // then session id / host id / subject triples.
  private static final String REPORT = KeyLife.KEEP + """
    local prefix, now, ttl, perUser = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[6] == '1'
    local listed = {}
    for i = 7, #ARGV, 3 do listed[ARGV[i]] = { ARGV[i + 1], ARGV[i + 2] } end
    local old = redis.call('HGETALL', KEYS[1])
    for i = 1, #old, 2 do
      if listed[old[i]] == nil then
        local sep = string.find(old[i + 1], '\\n', 1, true)
        redis.call('ZREM', prefix .. 'sessions:' .. string.sub(old[i + 1], 1, sep - 1), old[i])
        redis.call('ZREM', prefix .. 'user-sessions:' .. string.sub(old[i + 1], sep + 1), old[i])
      end
    end
    redis.call('DEL', KEYS[1])
    local sets = {}
    for session, where in pairs(listed) do
      redis.call('HSET', KEYS[1], session, where[1] .. '\\n' .. where[2])
      local host = prefix .. 'sessions:' .. where[1]
      redis.call('ZADD', host, now + ttl, session)
      sets[host] = true
      if perUser then
        local user = prefix .. 'user-sessions:' .. where[2]
        redis.call('ZADD', user, now + ttl, session)
        sets[user] = true
      end
    end
    for set in pairs(sets) do keep(set, ttl) end
    redis.call('PEXPIRE', KEYS[1], ttl)
    redis.call('SET', prefix .. 'load:' .. ARGV[4], ARGV[5], 'PX', ttl)
    redis.call('ZREMRANGEBYSCORE', prefix .. 'reporters', '-inf', now)
    redis.call('ZADD', prefix .. 'reporters', now + ttl, ARGV[4])
    keep(prefix .. 'reporters', ttl)
    return 1
    """;

  /** A live session and the gateway node relaying it. */
  public record LiveSession(String node, SessionInfo session) {

    public JsonObject toJson() {
      return session.toJson().put("node", node);
    }
  }

  private final Redis redis;
  private final Keys keys;
  private final Clock clock;
  private final Duration ttl;
  private final boolean perUser;

  /** @param perUser whether sessions are counted per subject too (a per-user limit is set) */
  public RedisLoadStore(Redis redis, String prefix, Clock clock, Duration ttl, boolean perUser) {
    this.redis = redis;
    this.keys = new Keys(prefix);
    this.clock = clock;
    this.ttl = ttl;
    this.perUser = perUser;
  }

  public Future<Void> store(LoadReport report) {
    Request request = Request.cmd(Command.EVAL).arg(REPORT).arg(1).arg(keys.reporter(report.reporter()))
      .arg(keys.prefix()).arg(clock.millis()).arg(ttl.toMillis()).arg(report.reporter()).arg(report.toJson().encode())
      .arg(perUser ? "1" : "0");
    report.sessions().forEach(s -> request.arg(s.sessionId()).arg(s.hostId()).arg(s.sub() == null ? "" : s.sub()));
    return redis.send(request).mapEmpty();
  }

  /** Every session in a fresh report, from every gateway. */
  public Future<List<LiveSession>> sessions() {
    long now = clock.millis();
    // Reporters whose last report expired are left out (each report prunes them from the set).
    return redis.send(Request.cmd(Command.ZRANGEBYSCORE).arg(keys.reporters()).arg(now).arg("+inf"))
      .compose(reporters -> {
      if (reporters.size() == 0) {
        return Future.succeededFuture(List.of());
      }
      Request get = Request.cmd(Command.MGET);
      reporters.forEach(r -> get.arg(keys.load(r.toString())));
      return redis.send(get).map(RedisLoadStore::flatten);
    });
  }

  private static List<LiveSession> flatten(Response reports) {
    List<LiveSession> sessions = new ArrayList<>();
    for (Response report : reports) {
      if (report != null) {
        LoadReport parsed = LoadReport.fromJson(new JsonObject(report.toString()));
        parsed.sessions().forEach(s -> sessions.add(new LiveSession(parsed.node(), s)));
      }
    }
    return sessions;
  }
}
