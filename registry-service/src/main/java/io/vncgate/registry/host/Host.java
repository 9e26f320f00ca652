package io.vncgate.registry.host;

import io.vertx.core.json.JsonObject;

import java.util.Map;

/**
 * A registered VNC host.
 *
 * @param id          the id tokens name ({@code [A-Za-z0-9._~-]{1,128}})
 * @param host        host name or IP address (IPv6 without brackets)
 * @param port        TCP port, 1–65535
 * @param pool        the pool it belongs to, or {@code null}
 * @param labels      free-form string labels for operators
 * @param maxSessions sessions it takes at most, 0 for no limit
 * @param weight      its share of a pool's sessions relative to the others (1–1000)
 * @param ttlSeconds  how long it stays without a heartbeat, 0 for until deleted
 * @param credential  its VNC password, encrypted ({@code v1:…}), or {@code null}; never shown
 * @param tls         whether gateways reach it over TLS (a VNC server behind stunnel, for example)
 */
public record Host(String id, String host, int port, String pool, Map<String, String> labels, int maxSessions,
                   int weight, int ttlSeconds, String credential, boolean tls) {

  public Host {
    labels = Map.copyOf(labels);
  }

  /** The REST representation: everything but the credential, which shows only as {@code hasPassword}. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("id", id).put("host", host).put("port", port);
    if (pool != null) {
      json.put("pool", pool);
    }
    JsonObject labelJson = new JsonObject();
    labels.forEach(labelJson::put);
    return json.put("labels", labelJson).put("maxSessions", maxSessions).put("weight", weight)
      .put("ttlSeconds", ttlSeconds).put("tls", tls).put("hasPassword", credential != null);
  }

  @Override
  public String toString() {
    return "Host[" + id + " " + host + ":" + port + (pool != null ? " pool " + pool : "") + "]";
  }
}
