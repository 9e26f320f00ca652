package io.vncgate.registry.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vncgate.registry.health.Health;
import io.vncgate.registry.host.Host;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Hosts in Redis (see {@link Keys}). Writes run as Lua scripts so a host's hash, the
 * {@code hosts} set and its pool set always change together, even when several registry
 * instances write at once. Heartbeating hosts carry a TTL on their hash; ids of hosts that
 * expired are dropped from the sets, with their probe verdicts, the next time a reader (the API,
 * or the prober's round, which starts with a list) meets them.
 */
public final class RedisHostStore implements HostStore {

  // KEYS: host hash, hosts set. ARGV: prefix, id, new pool ("" for none), ttl s (0 = none), field/value pairs.
  private static final String PUT = """
    local created = redis.call('EXISTS', KEYS[1]) == 0
    -- A host registered anew starts with no verdict, not the one its id had before it expired.
    if created then redis.call('DEL', ARGV[1] .. 'health:' .. ARGV[2]) end
    local old = redis.call('HGET', KEYS[1], 'pool')
    if old and old ~= '' and old ~= ARGV[3] then redis.call('SREM', ARGV[1] .. 'pool:' .. old, ARGV[2]) end
    redis.call('DEL', KEYS[1])
    redis.call('HSET', KEYS[1], unpack(ARGV, 5))
    if tonumber(ARGV[4]) > 0 then redis.call('EXPIRE', KEYS[1], ARGV[4]) end
    redis.call('SADD', KEYS[2], ARGV[2])
    if ARGV[3] ~= '' then redis.call('SADD', ARGV[1] .. 'pool:' .. ARGV[3], ARGV[2]) end
    if created then return 1 else return 0 end
    """;

  // KEYS: host hash, hosts set. ARGV: prefix, id.
  private static final String DELETE = """
    local pool = redis.call('HGET', KEYS[1], 'pool')
    if pool and pool ~= '' then redis.call('SREM', ARGV[1] .. 'pool:' .. pool, ARGV[2]) end
    redis.call('SREM', KEYS[2], ARGV[2])
    redis.call('DEL', ARGV[1] .. 'health:' .. ARGV[2], ARGV[1] .. 'sessions:' .. ARGV[2])
    return redis.call('DEL', KEYS[1])
    """;

  // KEYS: host hash, hosts set. ARGV: prefix, id. Forgets a host whose hash expired (unless it
  // has been registered again meanwhile): its id and its probe verdict.
  private static final String FORGET = """
    if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
    redis.call('SREM', KEYS[2], ARGV[2])
    redis.call('DEL', ARGV[1] .. 'health:' .. ARGV[2])
    return 1
    """;

  // KEYS: host hash. Renews the TTL the host was registered with.
  private static final String HEARTBEAT = """
    local ttl = tonumber(redis.call('HGET', KEYS[1], 'ttlSeconds'))
    if not ttl then return 0 end
    if ttl > 0 then redis.call('EXPIRE', KEYS[1], ttl) end
    return 1
    """;

  private final Redis redis;
  private final Keys keys;
  private final Clock clock;

  public RedisHostStore(Redis redis, String prefix, Clock clock) {
    this.redis = redis;
    this.keys = new Keys(prefix);
    this.clock = clock;
  }

  @Override
  public Future<Boolean> put(Host host) {
    return redis.send(putRequest(host)).map(created -> created.toInteger() == 1);
  }

  @Override
  public Future<Integer> putAll(List<Host> hosts) {
    if (hosts.isEmpty()) {
      return Future.succeededFuture(0);
    }
    // A batch runs on one connection, so MULTI … EXEC applies all the scripts or none.
    List<Request> transaction = new ArrayList<>();
    transaction.add(Request.cmd(Command.MULTI));
    hosts.forEach(host -> transaction.add(putRequest(host)));
    transaction.add(Request.cmd(Command.EXEC));
    return redis.batch(transaction).map(replies -> {
      Response exec = replies.get(replies.size() - 1);
      if (exec == null || exec.size() != hosts.size()) {
        throw new IllegalStateException("the import transaction was not applied");
      }
      return hosts.size();
    });
  }

  private Request putRequest(Host host) {
    Request request = Request.cmd(Command.EVAL).arg(PUT).arg(2).arg(keys.host(host.id())).arg(keys.hosts())
      .arg(keys.prefix()).arg(host.id()).arg(host.pool() == null ? "" : host.pool()).arg(host.ttlSeconds());
    HostHash.of(host).forEach((field, value) -> request.arg(field).arg(value));
    return request;
  }

  @Override
  public Future<Host> get(String id) {
    return redis.send(Request.cmd(Command.HGETALL).arg(keys.host(id))).map(reply -> HostHash.toHost(RedisMaps.toMap(reply)));
  }

  @Override
  public Future<HostView> view(String id) {
    return views(List.of(id)).map(views -> views.isEmpty() ? null : views.get(0));
  }

  @Override
  public Future<List<HostView>> list() {
    return redis.send(Request.cmd(Command.SMEMBERS).arg(keys.hosts())).compose(ids -> {
      List<String> all = new ArrayList<>();
      ids.forEach(id -> all.add(id.toString()));
      return views(all);
    }).map(views -> {
      views.sort(Comparator.comparing(view -> view.host().id()));
      return views;
    });
  }

  /** Reads hosts with their health and live session counts in one round trip; drops expired ids. */
  private Future<List<HostView>> views(List<String> ids) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(new ArrayList<>());
    }
    long now = clock.millis();
    List<Request> reads = new ArrayList<>();
    for (String id : ids) {
      reads.add(Request.cmd(Command.HGETALL).arg(keys.host(id)));
      reads.add(Request.cmd(Command.HGETALL).arg(keys.health(id)));
      reads.add(Request.cmd(Command.ZCOUNT).arg(keys.sessions(id)).arg(now).arg("+inf"));
    }
    return redis.batch(reads).compose(replies -> {
      List<HostView> views = new ArrayList<>();
      List<Request> cleanup = new ArrayList<>();
      for (int i = 0; i < ids.size(); i++) {
        Host host = HostHash.toHost(RedisMaps.toMap(replies.get(3 * i)));
        if (host == null) {
          cleanup.add(Request.cmd(Command.EVAL).arg(FORGET).arg(2).arg(keys.host(ids.get(i))).arg(keys.hosts())
            .arg(keys.prefix()).arg(ids.get(i)));
          continue;
        }
        Response count = replies.get(3 * i + 2);
        views.add(new HostView(host, Health.fromHash(RedisMaps.toMap(replies.get(3 * i + 1))), count == null ? 0 : count.toInteger()));
      }
      return cleanup.isEmpty() ? Future.succeededFuture(views) : redis.batch(cleanup).map(v -> views);
    });
  }

  @Override
  public Future<Boolean> delete(String id) {
    return redis.send(Request.cmd(Command.EVAL).arg(DELETE).arg(2).arg(keys.host(id)).arg(keys.hosts()).arg(keys.prefix()).arg(id))
      .map(deleted -> deleted.toInteger() == 1);
  }

  @Override
  public Future<Boolean> heartbeat(String id) {
    return redis.send(Request.cmd(Command.EVAL).arg(HEARTBEAT).arg(1).arg(keys.host(id))).map(reply -> reply.toInteger() == 1);
  }

  @Override
  public Future<Void> ping() {
    return redis.send(Request.cmd(Command.PING)).mapEmpty();
  }

  /** The host hash's fields. */
  static final class HostHash {

    private HostHash() {
    }

    static Map<String, String> of(Host host) {
      Map<String, String> hash = new HashMap<>();
      hash.put("id", host.id());
      hash.put("host", host.host());
      hash.put("port", Integer.toString(host.port()));
      hash.put("pool", host.pool() == null ? "" : host.pool());
      JsonObject labels = new JsonObject();
      host.labels().forEach(labels::put);
      hash.put("labels", labels.encode());
      hash.put("maxSessions", Integer.toString(host.maxSessions()));
      hash.put("weight", Integer.toString(host.weight()));
      hash.put("ttlSeconds", Integer.toString(host.ttlSeconds()));
      hash.put("tls", host.tls() ? "1" : "0");
      if (host.credential() != null) {
        hash.put("credential", host.credential());
      }
      return hash;
    }

    static Host toHost(Map<String, String> hash) {
      if (hash.isEmpty() || !hash.containsKey("host")) {
        return null;
      }
      Map<String, String> labels = new HashMap<>();
      new JsonObject(hash.getOrDefault("labels", "{}")).forEach(e -> labels.put(e.getKey(), String.valueOf(e.getValue())));
      String pool = hash.getOrDefault("pool", "");
      return new Host(hash.get("id"), hash.get("host"), Integer.parseInt(hash.get("port")), pool.isEmpty() ? null : pool, labels,
        Integer.parseInt(hash.getOrDefault("maxSessions", "0")), Integer.parseInt(hash.getOrDefault("weight", "1")),
        Integer.parseInt(hash.getOrDefault("ttlSeconds", "0")), hash.get("credential"), "1".equals(hash.get("tls")));
    }
  }
}
