package io.vncgate.registry.health;

import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.Map;

/**
 * What the last probes said about a host.
 *
 * @param status    {@code up}, {@code down} or {@code unknown} (not probed yet)
 * @param lastError why the last failing probe failed, or {@code null}
 * @param checkedAt when it was last probed, ms since the epoch (0 = never)
 * @param since     when the status last changed, ms since the epoch
 */
public record Health(String status, String lastError, long checkedAt, long since) {

  public static final Health UNKNOWN = new Health("unknown", null, 0, 0);

  public boolean down() {
    return "down".equals(status);
  }

  public static Health fromHash(Map<String, String> hash) {
    if (hash.isEmpty()) {
      return UNKNOWN;
    }
    return new Health(hash.getOrDefault("status", "unknown"), hash.get("lastError"),
      Long.parseLong(hash.getOrDefault("checkedAt", "0")), Long.parseLong(hash.getOrDefault("since", "0")));
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("status", status);
    if (lastError != null && !lastError.isEmpty()) {
      json.put("lastError", lastError);
    }
    if (checkedAt > 0) {
      json.put("checkedAt", Instant.ofEpochMilli(checkedAt).toString()).put("since", Instant.ofEpochMilli(since).toString());
    }
    return json;
  }
}
