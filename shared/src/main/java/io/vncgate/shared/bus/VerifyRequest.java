package io.vncgate.shared.bus;

import io.vertx.core.json.JsonObject;

/**
 * Body of {@link Addresses#TOKEN_VERIFY}: the token as the browser sent it, and who asks.
 *
 * @param token    the compact JWT
 * @param clientIp the browser's address as the gateway sees it
 * @param node     the asking gateway node
 */
public record VerifyRequest(String token, String clientIp, String node) {

  public JsonObject toJson() {
    return new JsonObject().put("token", token).put("clientIp", clientIp).put("node", node);
  }

  /** @throws IllegalArgumentException when the token is missing */
  public static VerifyRequest fromJson(JsonObject json) {
    return new VerifyRequest(Json.requireText(json, "token"), json.getString("clientIp"), json.getString("node"));
  }
}
