package io.vncgate.shared.bus;

import io.vertx.core.json.JsonObject;

/**
 * Body of {@link Addresses#REGISTRY_RESOLVE}: which desktop (or pool) a session wants.
 *
 * @param hostId    the desktop id, or {@code null} for a pool
 * @param pool      the pool, or {@code null} for a single desktop
 * @param sub       the token's subject, for per-user accounting
 * @param sessionId the gateway's id for the session being set up
 */
public record ResolveRequest(String hostId, String pool, String sub, String sessionId) {

  public ResolveRequest {
    if ((hostId == null) == (pool == null)) {
      throw new IllegalArgumentException("resolve needs exactly one of hostId and pool");
    }
  }

  public static ResolveRequest forGrant(Grant grant, String sessionId) {
    return new ResolveRequest(grant.hostId(), grant.pool(), grant.sub(), sessionId);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("sub", sub).put("sessionId", sessionId);
    if (hostId != null) {
      json.put("hostId", hostId);
    } else {
      json.put("pool", pool);
    }
    return json;
  }

  public static ResolveRequest fromJson(JsonObject json) {
    return new ResolveRequest(json.getString("hostId"), json.getString("pool"), json.getString("sub"),
      json.getString("sessionId"));
  }
}
