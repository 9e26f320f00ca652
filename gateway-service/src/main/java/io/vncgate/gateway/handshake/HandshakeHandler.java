package io.vncgate.gateway.handshake;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.Handler;
import io.vertx.core.http.ServerWebSocketHandshake;
import io.vncgate.gateway.GatewayConfig;
import io.vncgate.gateway.session.SessionSetup;
import io.vncgate.shared.failure.CloseCode;
import io.vncgate.shared.failure.Refusal;

import java.util.Arrays;
import java.util.List;

/**
 * Decides what to do with each WebSocket upgrade. Wrong paths and unusable subprotocols are
 * rejected at the HTTP level (no person can be helped there); everything else is accepted, so
 * that a refusal can be shown in noVNC, and checked before any lookup: Origin, then the token's
 * presence and size.
 */
public final class HandshakeHandler implements Handler<ServerWebSocketHandshake> {

  private final GatewayConfig config;
  private final OriginPolicy origins;
  private final SessionSetup sessions;

  public HandshakeHandler(GatewayConfig config, SessionSetup sessions) {
    this.config = config;
    this.origins = new OriginPolicy(config.allowedOrigins());
    this.sessions = sessions;
  }

  @Override
  public void handle(ServerWebSocketHandshake handshake) {
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
    String clientIp = handshake.remoteAddress().hostAddress();
    String token = token(handshake.query());
    Refusal refusal = check(handshake, token);
    handshake.accept().onSuccess(ws -> {
      // Nothing may be read until the session knows where bytes go (or refuses it).
      ws.pause();
      if (refusal != null) {
        sessions.refuse(ws, clientIp, refusal);
      } else {
        sessions.open(ws, token, clientIp);
      }
    });
  }

  private Refusal check(ServerWebSocketHandshake handshake, String token) {
    if (!origins.allows(handshake.headers().get("Origin"), handshake.headers().get("Host"))) {
      return CloseCode.ORIGIN_NOT_ALLOWED.refusal();
    }
    if (token == null || token.isEmpty()) {
      return CloseCode.TOKEN_MISSING.refusal();
    }
    if (token.length() > config.maxTokenChars()) {
      return CloseCode.TOKEN_INVALID.refusal();
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
