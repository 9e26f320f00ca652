package io.vncgate.gateway.session;

import io.vertx.core.http.ServerWebSocket;
import io.vncgate.gateway.relay.Relay;
import io.vncgate.gateway.relay.Traffic;
import io.vncgate.shared.bus.Grant;
import io.vncgate.shared.bus.SessionInfo;

/**
 * A relayed session: who holds it, where it goes, what it moved, when the browser last showed
 * signs of life and of a person, and how to end it. Touched only from its event loop.
 */
public final class LiveSession {

  final String id;
  final Grant grant;
  final String hostId;
  final String clientIp;
  final long startedAtMillis;
  final long startedNanos;
  final Traffic traffic;
  final ServerWebSocket ws;
  /** 0 = no limit. */
  final long idleLimitNanos;
  /** 0 = no limit. */
  final long maxLengthNanos;
  Relay relay;
  long lastInputNanos;
  long lastPeerNanos;
  long lastPingNanos;
  long seenToDesktop;
  long flushedToDesktop;
  long flushedToBrowser;

  LiveSession(String id, Grant grant, String hostId, String clientIp, Traffic traffic, ServerWebSocket ws,
              long idleLimitNanos, long maxLengthNanos) {
    this.id = id;
    this.grant = grant;
    this.hostId = hostId;
    this.clientIp = clientIp;
    this.traffic = traffic;
    this.ws = ws;
    this.idleLimitNanos = idleLimitNanos;
    this.maxLengthNanos = maxLengthNanos;
    this.startedAtMillis = System.currentTimeMillis();
    this.startedNanos = System.nanoTime();
    this.lastInputNanos = startedNanos;
    this.lastPeerNanos = startedNanos;
    this.lastPingNanos = startedNanos;
  }

  public String id() {
    return id;
  }

  public Grant grant() {
    return grant;
  }

  public String hostId() {
    return hostId;
  }

  void input() {
    lastInputNanos = System.nanoTime();
  }

  SessionInfo info() {
    return new SessionInfo(id, hostId, grant.sub(), grant.jti(), clientIp, startedAtMillis, traffic.toDesktop(), traffic.toBrowser());
  }
}
