package io.vncgate.registry.host;

import io.vertx.core.json.JsonObject;

import java.util.Map;

/**
 * A registered VNC host.
 *
 * @param id     the id tokens name ({@code [A-Za-z0-9._~-]{1,128}})
 * @param host   host name or IP address (IPv6 without brackets)
 * @param port   TCP port, 1–65535
 * @param pool   the pool it belongs to, or {@code null}
 * @param labels free-form string labels for operators
 */
public record Host(String id, String host, int port, String pool, Map<String, String> labels) {

  public Host {
    labels = Map.copyOf(labels);
  }

  /** The REST representation. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("id", id).put("host", host).put("port", port);
    if (pool != null) {
      json.put("pool", pool);
    }
    JsonObject labelJson = new JsonObject();
    labels.forEach(labelJson::put);
    return json.put("labels", labelJson);
  }
}
