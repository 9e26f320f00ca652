package io.vncgate.shared.bus;

import io.vertx.core.json.JsonObject;

/**
 * One live session as a gateway reports it in its {@link LoadReport}.
 *
 * @param sessionId the gateway's id for the session
 * @param hostId    the desktop it is relayed to
 * @param sub       the token's subject
 * @param jti       the token's id
 * @param clientIp  the browser's address as the gateway sees it
 * @param startedAt when the relay started, milliseconds since the epoch
 * @param bytesIn   bytes from the browser to the desktop so far
 * @param bytesOut  bytes from the desktop to the browser so far
 */
public record SessionInfo(String sessionId, String hostId, String sub, String jti, String clientIp, long startedAt,
                          long bytesIn, long bytesOut) {

  public JsonObject toJson() {
    return new JsonObject().put("sessionId", sessionId).put("hostId", hostId).put("sub", sub).put("jti", jti)
      .put("clientIp", clientIp).put("startedAt", startedAt).put("bytesIn", bytesIn).put("bytesOut", bytesOut);
  }

  public static SessionInfo fromJson(JsonObject json) {
    return new SessionInfo(Json.requireText(json, "sessionId"), Json.requireText(json, "hostId"), json.getString("sub"),
      json.getString("jti"), json.getString("clientIp"), json.getLong("startedAt", 0L), json.getLong("bytesIn", 0L),
      json.getLong("bytesOut", 0L));
  }
}
