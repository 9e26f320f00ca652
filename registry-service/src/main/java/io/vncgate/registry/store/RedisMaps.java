package io.vncgate.registry.store;

import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;

import java.util.HashMap;
import java.util.Map;

/** Reads a hash reply, whether the server answered in RESP3 (a map) or RESP2 (field/value pairs). */
final class RedisMaps {

  private RedisMaps() {
  }

  static Map<String, String> toMap(Response reply) {
    Map<String, String> map = new HashMap<>();
    if (reply == null) {
      return map;
    }
    if (reply.type() == ResponseType.MULTI && reply.size() > 0 && !reply.getKeys().isEmpty()) {
      for (String key : reply.getKeys()) {
        map.put(key, reply.get(key).toString());
      }
      return map;
    }
    for (int i = 0; i + 1 < reply.size(); i += 2) {
      map.put(reply.get(i).toString(), reply.get(i + 1).toString());
    }
    return map;
  }
}
