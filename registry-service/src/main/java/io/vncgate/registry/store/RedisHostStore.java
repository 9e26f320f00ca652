package io.vncgate.registry.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vncgate.registry.host.Host;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Hosts in Redis: hash {@code <prefix>host:<id>}, set {@code <prefix>hosts} of all ids and set
 * {@code <prefix>pool:<name>} per pool. Writes run as Lua scripts so the hash and both sets
 * always change together, even when several registry instances write at once.
 */
public final class RedisHostStore implements HostStore {

  // KEYS: host hash, hosts set. ARGV: prefix, id, new pool ("" for none), then hash field/value pairs.
  private static final String PUT = """
    local created = redis.call('EXISTS', KEYS[1]) == 0
    local old = redis.call('HGET', KEYS[1], 'pool')
    if old and old ~= '' and old ~= ARGV[3] then redis.call('SREM', ARGV[1] .. 'pool:' .. old, ARGV[2]) end
    redis.call('DEL', KEYS[1])
    redis.call('HSET', KEYS[1], unpack(ARGV, 4))
    redis.call('SADD', KEYS[2], ARGV[2])
    if ARGV[3] ~= '' then redis.call('SADD', ARGV[1] .. 'pool:' .. ARGV[3], ARGV[2]) end
    if created then return 1 else return 0 end
    """;

  // KEYS: host hash, hosts set. ARGV: prefix, id.
  private static final String DELETE = """
    local pool = redis.call('HGET', KEYS[1], 'pool')
    if pool and pool ~= '' then redis.call('SREM', ARGV[1] .. 'pool:' .. pool, ARGV[2]) end
    redis.call('SREM', KEYS[2], ARGV[2])
    return redis.call('DEL', KEYS[1])
    """;

  private final Redis redis;
  private final String prefix;

  public RedisHostStore(Redis redis, String prefix) {
    this.redis = redis;
    this.prefix = prefix;
  }

  @Override
  public Future<Boolean> put(Host host) {
    Request request = Request.cmd(Command.EVAL).arg(PUT).arg(2).arg(hostKey(host.id())).arg(hostsKey())
      .arg(prefix).arg(host.id()).arg(host.pool() == null ? "" : host.pool());
    toHash(host).forEach((field, value) -> request.arg(field).arg(value));
    return redis.send(request).map(created -> created.toInteger() == 1);
  }

  @Override
  public Future<Host> get(String id) {
    return redis.send(Request.cmd(Command.HGETALL).arg(hostKey(id))).map(RedisHostStore::fromHash);
  }

  @Override
  public Future<List<Host>> list() {
    return redis.send(Request.cmd(Command.SMEMBERS).arg(hostsKey())).compose(ids -> {
      if (ids.size() == 0) {
        return Future.succeededFuture(List.of());
      }
      List<Request> reads = new ArrayList<>();
      ids.forEach(id -> reads.add(Request.cmd(Command.HGETALL).arg(hostKey(id.toString()))));
      return redis.batch(reads).map(replies -> {
        List<Host> hosts = new ArrayList<>();
        for (Response reply : replies) {
          Host host = fromHash(reply);
          if (host != null) {
            hosts.add(host);
          }
        }
        hosts.sort(Comparator.comparing(Host::id));
        return hosts;
      });
    });
  }

  @Override
  public Future<Boolean> delete(String id) {
    return redis.send(Request.cmd(Command.EVAL).arg(DELETE).arg(2).arg(hostKey(id)).arg(hostsKey()).arg(prefix).arg(id))
      .map(deleted -> deleted.toInteger() == 1);
  }

  @Override
  public Future<Void> ping() {
    return redis.send(Request.cmd(Command.PING)).mapEmpty();
  }

  private String hostKey(String id) {
    return prefix + "host:" + id;
  }

  private String hostsKey() {
    return prefix + "hosts";
  }

  private static Map<String, String> toHash(Host host) {
    Map<String, String> hash = new HashMap<>();
    hash.put("id", host.id());
    hash.put("host", host.host());
    hash.put("port", Integer.toString(host.port()));
    hash.put("pool", host.pool() == null ? "" : host.pool());
    JsonObject labels = new JsonObject();
    host.labels().forEach(labels::put);
    hash.put("labels", labels.encode());
    return hash;
  }

  private static Host fromHash(Response reply) {
    Map<String, String> hash = RedisMaps.toMap(reply);
    if (hash.isEmpty()) {
      return null;
    }
    Map<String, String> labels = new HashMap<>();
    new JsonObject(hash.getOrDefault("labels", "{}")).forEach(e -> labels.put(e.getKey(), String.valueOf(e.getValue())));
    String pool = hash.getOrDefault("pool", "");
    return new Host(hash.get("id"), hash.get("host"), Integer.parseInt(hash.get("port")), pool.isEmpty() ? null : pool, labels);
  }
}
