package io.vncgate.gateway.handshake;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.Handler;
import io.vertx.core.http.ServerWebSocketHandshake;
import io.vncgate.gateway.GatewayConfig;
import io.vncgate.gateway.node.GatewayNode;
import io.vncgate.gateway.relay.Relay;
import io.vncgate.gateway.session.SessionSetup;
import io.vncgate.shared.failure.CloseCode;
import io.vncgate.shared.failure.Refusal;

import java.util.Arrays;
import java.util.List;

/**
 * Decides what to do with each WebSocket upgrade. Wrong paths and unusable subprotocols are
 * rejected at the HTTP level (no person can be helped there); everything else is accepted, so
 * that a refusal can be shown in noVNC, and checked before any lookup: drain (1001), Origin
 * (1008), the client address's upgrade rate (4429), the node's capacity (4429), then the
 * token's presence (4001) and size (4401).
 */
public final class HandshakeHandler implements Handler<ServerWebSocketHandshake> {

  private final GatewayConfig config;
  private final OriginPolicy origins;
  private final SessionSetup sessions;
  private final GatewayNode node;
  private final Deadlines deadlines;

  public HandshakeHandler(GatewayConfig config, SessionSetup sessions, GatewayNode node, Deadlines deadlines) {
    this.config = config;
    this.origins = new OriginPolicy(config.allowedOrigins());
    this.sessions = sessions;
    this.node = node;
    this.deadlines = deadlines;
  }

  @Override
  public void handle(ServerWebSocketHandshake handshake) {
    deadlines.met(handshake.remoteAddress(), handshake.localAddress());
    if (!config.wsPath().equals(handshake.path())) {
      handshake.reject(404);
      return;
    }
    // noVNC ≥ 1.2 offers no subprotocol, older clients offer "binary"; the server echoes
    // "binary" when offered. A client offering only others (e.g. "base64") cannot be served.
    String offered = handshake.headers().get("Sec-WebSocket-Protocol");
    if (offered != null && Arrays.stream(offered.split(",")).map(String::trim).noneMatch("binary"::equals)) {
      handshake.reject(400);
      return;
    }
    String clientIp = config.trustedProxies().clientAddress(handshake.remoteAddress().hostAddress(), handshake.headers());
    String token = token(handshake.query());
    Refusal refusal = check(handshake, token, clientIp);
    handshake.accept().onSuccess(ws -> {
      DirectOutbound.apply(ws);
      // Nothing may be read until the session knows where bytes go (or refuses it).
      ws.pause();
      // A browser message over the size limit while the session is set up: close with 1009.
      // (Once relayed, the relay sees it.)
      ws.exceptionHandler(err -> {
        if (Relay.tooBig(err) && !ws.isClosed()) {
          ws.close((short) CloseCode.MESSAGE_TOO_BIG.code(), CloseCode.MESSAGE_TOO_BIG.reason());
        }
      });
      if (refusal != null) {
        sessions.refuse(ws, clientIp, refusal);
      } else {
        sessions.open(ws, token, clientIp);
      }
    }).onFailure(err -> {
      if (refusal == null) {
        node.release();
      }
    });
  }

  /** The refusal for this upgrade, or {@code null} when it may go on (then it holds a place on the node). */
  private Refusal check(ServerWebSocketHandshake handshake, String token, String clientIp) {
    if (node.draining()) {
      return CloseCode.GOING_AWAY.refusal();
    }
    if (!origins.allows(handshake.headers().get("Origin"), handshake.headers().get("Host"))) {
      return CloseCode.ORIGIN_NOT_ALLOWED.refusal();
    }
    if (!node.upgrades().allow(clientIp, System.nanoTime())) {
      return CloseCode.TOO_MANY.refusal("too many connection attempts, slow down");
    }
    if (token == null || token.isEmpty()) {
      return CloseCode.TOKEN_MISSING.refusal();
    }
    if (token.length() > config.limits().maxTokenChars()) {
      return CloseCode.TOKEN_INVALID.refusal();
    }
    if (!node.admit()) {
      return CloseCode.TOO_MANY.refusal("this gateway is full, try again shortly");
    }
    return null;
  }

  static String token(String query) {
    if (query == null) {
      return null;
    }
    List<String> values = new QueryStringDecoder(query, false).parameters().get("token");
    return values == null || values.isEmpty() ? null : values.get(0).trim();
  }
}
