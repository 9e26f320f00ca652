package io.vncgate.token;

import io.vertx.core.Vertx;
import io.vncgate.shared.bus.Grant;
import io.vncgate.token.issue.TokenIssuer;
import io.vncgate.token.issue.TokenRequest;
import io.vncgate.token.keys.KeyRing;
import io.vncgate.token.state.RedisTokenState;
import io.vncgate.token.verify.TokenVerifier;

import java.time.Clock;

/**
 * One token-service instance's issuer and verifier, built the way {@link TokenVerticle} builds
 * them (own key ring, own Redis client), so tests can put several instances side by side.
 */
final class TokenServices {

  final TokenIssuer issuer;
  final TokenVerifier verifier;

  TokenServices(Vertx vertx, TokenConfig config) {
    KeyRing keys = KeyRing.create(vertx, config.keys(), config.signingKey().kid());
    RedisTokenState state = new RedisTokenState(config.redis().client(vertx), config.redis().prefix(), Clock.systemUTC(),
      config.reconnectWindow(), config.reconnects());
    issuer = new TokenIssuer(keys, state, config, Clock.systemUTC());
    verifier = new TokenVerifier(keys, state, config, Clock.systemUTC());
  }

  String issue(TokenRequest request) {
    return issuer.issue(request).await().token();
  }

  Grant verify(String token, String clientIp) {
    return verifier.verify(token, clientIp).await();
  }
}
