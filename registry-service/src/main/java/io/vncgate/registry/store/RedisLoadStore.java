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
  //
  // A report lists every live session of one gateway event loop (thousands on a busy node) and
  // Redis runs nothing else while the script runs, so the writes go in as few commands as
  // possible: one ZADD per set with all its sessions, the reporter's hash changed only where the
  // report differs from the last one: a report of 4,000 unchanged sessions takes 7–11 ms of
  // Redis's time, against 24–29 ms written a command per session (Redis's SLOWLOG, one report in
  // isolation, three tries each). Commands take at most 1,000 pairs each: Redis's Lua cannot unpack a table of
  // more than about 8,000 values into one call.
  private static final String REPORT = KeyLife.KEEP + """
    local prefix, now, ttl, perUser = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[6] == '1'
    local expiry = now + ttl
    local function send(command, key, values)
      for i = 1, #values, 2000 do
        redis.call(command, key, unpack(values, i, math.min(i + 1999, #values)))
      end
    end
    local function add(sets, set, session)
      local members = sets[set]
      if not members then members = {}; sets[set] = members end
      members[#members + 1] = expiry
      members[#members + 1] = session
    end
    local listed = {}
    for i = 7, #ARGV, 3 do listed[ARGV[i]] = ARGV[i + 1] .. '\\n' .. ARGV[i + 2] end
    -- Sessions the last report listed and this one does not: off their sets and the hash.
    local old, same, gone = redis.call('HGETALL', KEYS[1]), {}, {}
    for i = 1, #old, 2 do
      local session, where = old[i], old[i + 1]
      if listed[session] == where then
        same[session] = true
      elseif listed[session] == nil then
        local sep = string.find(where, '\\n', 1, true)
        redis.call('ZREM', prefix .. 'sessions:' .. string.sub(where, 1, sep - 1), session)
        redis.call('ZREM', prefix .. 'user-sessions:' .. string.sub(where, sep + 1), session)
        gone[#gone + 1] = session
      end
    end
    send('HDEL', KEYS[1], gone)
    -- Every listed session counts until this report expires; new ones join the hash.
    local new, hosts, users = {}, {}, {}
    for i = 7, #ARGV, 3 do
      local session = ARGV[i]
      if not same[session] then
        new[#new + 1] = session
        new[#new + 1] = listed[session]
      end
      add(hosts, prefix .. 'sessions:' .. ARGV[i + 1], session)
      if perUser then add(users, prefix .. 'user-sessions:' .. ARGV[i + 2], session) end
    end
    send('HSET', KEYS[1], new)
    for _, sets in ipairs({ hosts, users }) do
      for set, members in pairs(sets) do
        send('ZADD', set, members)
        keep(set, ttl)
      end
    end
    redis.call('PEXPIRE', KEYS[1], ttl)
    redis.call('SET', prefix .. 'load:' .. ARGV[4], ARGV[5], 'PX', ttl)
    redis.call('ZREMRANGEBYSCORE', prefix .. 'reporters', '-inf', now)
    redis.call('ZADD', prefix .. 'reporters', expiry, ARGV[4])
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
