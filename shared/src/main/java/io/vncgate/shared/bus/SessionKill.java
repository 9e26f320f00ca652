package io.vncgate.shared.bus;

import io.vertx.core.json.JsonObject;

/**
 * Body of {@link Addresses#SESSION_KILL}: which live sessions an operator ends. Exactly one
 * selector is set; the owning gateway closes the matching sessions with 4409.
 *
 * @param sessionId one session
 * @param jti       every session of a token
 * @param sub       every session of a subject
 * @param hostId    every session on a desktop
 * @param reason    why, for logs
 */
public record SessionKill(String sessionId, String jti, String sub, String hostId, String reason) {

  public SessionKill {
    int set = (sessionId != null ? 1 : 0) + (jti != null ? 1 : 0) + (sub != null ? 1 : 0) + (hostId != null ? 1 : 0);
    if (set != 1) {
      throw new IllegalArgumentException("a kill names exactly one of sessionId, jti, sub and hostId");
    }
  }

  public static SessionKill session(String sessionId, String reason) {
    return new SessionKill(sessionId, null, null, null, reason);
  }

  /** Whether the session with this id, grant and desktop must end. */
  public boolean matches(String id, Grant grant, String host) {
    return sessionId != null ? sessionId.equals(id)
      : jti != null ? jti.equals(grant.jti())
      : sub != null ? sub.equals(grant.sub())
      : hostId.equals(host);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("reason", reason);
    if (sessionId != null) {
      json.put("sessionId", sessionId);
    }
    if (jti != null) {
      json.put("jti", jti);
    }
    if (sub != null) {
      json.put("sub", sub);
    }
    if (hostId != null) {
      json.put("hostId", hostId);
    }
    return json;
  }

  public static SessionKill fromJson(JsonObject json) {
    return new SessionKill(json.getString("sessionId"), json.getString("jti"), json.getString("sub"),
      json.getString("hostId"), json.getString("reason", "ended by an administrator"));
  }
}
