package io.vncgate.shared.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * Body of {@link Addresses#REGISTRY_LOAD}: every live session of one reporter (a gateway event
 * loop), sent every few seconds and soon after a change. The registry keeps the last report of
 * each reporter for a limited time, so the sessions of a gateway that died stop counting.
 *
 * @param reporter  unique per gateway event loop ({@code <node>#<n>})
 * @param node      the gateway node's name
 * @param at        when the report was made, milliseconds since the epoch
 * @param sessions  the live sessions
 */
public record LoadReport(String reporter, String node, long at, List<SessionInfo> sessions) {

  public LoadReport {
    sessions = List.copyOf(sessions);
  }

  public JsonObject toJson() {
    return new JsonObject().put("reporter", reporter).put("node", node).put("at", at)
      .put("sessions", new JsonArray(sessions.stream().map(SessionInfo::toJson).toList()));
  }

  public static LoadReport fromJson(JsonObject json) {
    JsonArray sessions = json.getJsonArray("sessions", new JsonArray());
    return new LoadReport(Json.requireText(json, "reporter"), Json.requireText(json, "node"), json.getLong("at", 0L),
      sessions.stream().map(s -> SessionInfo.fromJson((JsonObject) s)).toList());
  }
}
