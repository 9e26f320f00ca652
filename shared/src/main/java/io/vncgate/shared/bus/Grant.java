package io.vncgate.shared.bus;

import io.vertx.core.json.JsonObject;

/**
 * What a verified token allows: reply of {@link Addresses#TOKEN_VERIFY}. Exactly one of
 * {@code hostId} and {@code pool} is set.
 *
 * @param jti         the token's unique id
 * @param sub         who the token was issued to
 * @param hostId      the registered desktop, or {@code null} when the token targets a pool
 * @param pool        the pool, or {@code null} when the token targets one desktop
 * @param viewOnly    whether input must be dropped
 * @param exp         expiry, seconds since the epoch
 * @param idleTimeout seconds without input after which the session ends, 0 = the gateway's setting
 * @param maxDuration seconds after which the session ends, 0 = the gateway's setting
 */
public record Grant(String jti, String sub, String hostId, String pool, boolean viewOnly, long exp, int idleTimeout,
                    int maxDuration) {

  public Grant {
    if ((hostId == null) == (pool == null)) {
      throw new IllegalArgumentException("a grant targets exactly one of hostId and pool");
    }
  }

  /** A grant without session limits of its own. */
  public Grant(String jti, String sub, String hostId, String pool, boolean viewOnly, long exp) {
    this(jti, sub, hostId, pool, viewOnly, exp, 0, 0);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("jti", jti).put("sub", sub).put("viewOnly", viewOnly).put("exp", exp);
    if (hostId != null) {
      json.put("hostId", hostId);
    } else {
      json.put("pool", pool);
    }
    if (idleTimeout > 0) {
      json.put("idleTimeout", idleTimeout);
    }
    if (maxDuration > 0) {
      json.put("maxDuration", maxDuration);
    }
    return json;
  }

  public static Grant fromJson(JsonObject json) {
    return new Grant(Json.requireText(json, "jti"), Json.requireText(json, "sub"), json.getString("hostId"),
      json.getString("pool"), json.getBoolean("viewOnly", false), json.getLong("exp", 0L),
      json.getInteger("idleTimeout", 0), json.getInteger("maxDuration", 0));
  }
}
