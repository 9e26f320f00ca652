package io.vncgate.token.verify;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vncgate.shared.bus.Grant;
import io.vncgate.token.TokenConfig;
import io.vncgate.token.keys.SigningKeys;

import java.time.Clock;

/**
 * Checks a token: signature with the pinned algorithm (by the JWT library), then the claims:
 * {@code exp} required and not past, {@code nbf} not ahead (both with a small leeway),
 * {@code iss} and {@code aud} exactly ours, {@code sub}, {@code jti} and a target present.
 */
public final class TokenVerifier {

  /** Longer tokens are refused before any parsing (ours are well under 1 KiB). */
  public static final int MAX_TOKEN_CHARS = 8192;

  private final SigningKeys keys;
  private final TokenConfig config;
  private final Clock clock;

  public TokenVerifier(SigningKeys keys, TokenConfig config, Clock clock) {
    this.keys = keys;
    this.config = config;
    this.clock = clock;
  }

  /** The grant of a valid token; otherwise a failed future holding a {@link Rejection}. */
  public Future<Grant> verify(String token) {
    if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_CHARS) {
      return Future.failedFuture(Rejection.invalid("token empty or longer than " + MAX_TOKEN_CHARS));
    }
    return keys.auth().authenticate(new TokenCredentials(token))
      .recover(err -> Future.failedFuture(Rejection.invalid("signature: " + err.getMessage())))
      .map(user -> checkClaims(user.attributes().getJsonObject("accessToken")));
  }

  private Grant checkClaims(JsonObject claims) {
    long now = clock.millis() / 1000;
    long leeway = config.leewaySeconds();
    if (!(claims.getValue("exp") instanceof Number exp)) {
      throw Rejection.invalid("exp missing");
    }
    if (now - leeway >= exp.longValue()) {
      throw Rejection.expired("expired at " + exp + ", now " + now);
    }
    Object nbf = claims.getValue("nbf");
    if (nbf != null && (!(nbf instanceof Number n) || now + leeway < n.longValue())) {
      throw Rejection.invalid("not valid before " + nbf + ", now " + now);
    }
    if (!config.issuer().equals(claims.getValue("iss"))) {
      throw Rejection.invalid("issuer " + claims.getValue("iss"));
    }
    if (!audienceMatches(claims.getValue("aud"))) {
      throw Rejection.invalid("audience " + claims.getValue("aud"));
    }
    String sub = text(claims, "sub");
    String jti = text(claims, "jti");
    String hostId = claims.getValue("hostId") instanceof String h && !h.isBlank() ? h : null;
    if (hostId == null) {
      throw Rejection.invalid("no target host");
    }
    return new Grant(jti, sub, hostId, null, Boolean.TRUE.equals(claims.getValue("viewOnly")), exp.longValue());
  }

  private boolean audienceMatches(Object aud) {
    if (aud instanceof String single) {
      return config.audience().equals(single);
    }
    return aud instanceof JsonArray list && list.contains(config.audience());
  }

  private static String text(JsonObject claims, String name) {
    if (claims.getValue(name) instanceof String value && !value.isBlank()) {
      return value;
    }
    throw Rejection.invalid(name + " missing");
  }
}
