package io.vncgate.shared.net;

import io.vertx.core.net.NetClientOptions;

import java.time.Duration;

/** How every service connects to a VNC server: the gateway to desktops, the registry's health probe. */
public final class VncDial {

  private VncDial() {
  }

  /**
   * Client options for a VNC server, which speaks first. Quick ACK on: under epoll Vert.x writes
   * this option into TCP_QUICKACK before connecting, and its default (off) puts the socket in
   * Linux's delayed-ACK mode, which holds back the handshake's last ACK up to 200 ms to ride on
   * the client's first bytes; the server cannot accept the connection, so cannot greet, until it
   * comes. NIO does not apply the option. No Nagle delay on the small messages of RFB.
   */
  public static NetClientOptions options(Duration connectTimeout) {
    return new NetClientOptions().setConnectTimeout((int) connectTimeout.toMillis()).setTcpNoDelay(true)
      .setTcpQuickAck(true);
  }
}
