package io.vncgate.shared.bus;

import io.vertx.core.json.JsonObject;

/**
 * Reply of {@link Addresses#REGISTRY_RESOLVE}: where the gateway dials.
 *
 * @param hostId     the registered desktop
 * @param host       host name or IP address of the VNC server
 * @param port       TCP port of the VNC server
 * @param credential the stored VNC password, or {@code null}; never logged, never sent to browsers
 * @param tls        whether the desktop is reached over TLS (e.g. behind stunnel)
 */
public record Destination(String hostId, String host, int port, String credential, boolean tls) {

  /** A desktop reached over plain TCP. */
  public Destination(String hostId, String host, int port, String credential) {
    this(hostId, host, port, credential, false);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("hostId", hostId).put("host", host).put("port", port).put("tls", tls);
    if (credential != null) {
      json.put("credential", credential);
    }
    return json;
  }

  public static Destination fromJson(JsonObject json) {
    return new Destination(Json.requireText(json, "hostId"), Json.requireText(json, "host"),
      json.getInteger("port"), json.getString("credential"), json.getBoolean("tls", false));
  }

  /** Masks the credential so a destination can be logged. */
  @Override
  public String toString() {
    return "Destination[hostId=" + hostId + ", host=" + host + ", port=" + port + (tls ? ", tls" : "")
      + (credential != null ? ", credential=***" : "") + "]";
  }
}
