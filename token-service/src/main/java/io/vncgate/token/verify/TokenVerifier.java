package io.vncgate.token.verify;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vncgate.shared.bus.Grant;
import io.vncgate.token.TokenConfig;
import io.vncgate.token.keys.KeyRing;
import io.vncgate.token.state.TokenState;
import io.vncgate.token.state.TokenState.AdmissionRequest;

import java.time.Clock;

/**
 * Checks a token, cheapest and least revealing first: size; header ({@code kid} known,
 * {@code alg} pinned to it) and signature; claims ({@code exp} required and not past,
 * {@code nbf} and {@code iat} not ahead, all with a small leeway, {@code iss} and {@code aud}
 * exactly ours, {@code sub}, {@code jti} and one target present); then, in Redis, revocation and
 * single-use consumption. Only a token that passed every offline check touches Redis.
 */
public final class TokenVerifier {

  /** Longer tokens are refused before any parsing (ours are well under 1 KiB). */
  public static final int MAX_TOKEN_CHARS = 8192;

  private final KeyRing keys;
  private final TokenState state;
  private final TokenConfig config;
  private final Clock clock;

  public TokenVerifier(KeyRing keys, TokenState state, TokenConfig config, Clock clock) {
    this.keys = keys;
    this.state = state;
    this.config = config;
    this.clock = clock;
  }

  /** The grant of a valid token; otherwise a failed future, a {@link Rejection} for bad tokens. */
  public Future<Grant> verify(String token, String clientIp) {
    if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_CHARS) {
      return Future.failedFuture(Rejection.invalid("token empty or longer than " + MAX_TOKEN_CHARS));
    }
    return keys.verify(token)
      .recover(err -> Future.failedFuture(Rejection.invalid("header or signature: " + err.getMessage())))
      .map(this::checkClaims)
      .compose(checked -> state.admit(new AdmissionRequest(checked.grant().jti(), checked.grant().exp(), checked.singleUse(), clientIp))
        .map(admission -> switch (admission) {
          case OK, FIRST_USE, RECONNECT -> checked.grant();
          case REVOKED -> throw Rejection.forbidden("revoked");
          case REPLAYED -> throw Rejection.forbidden("single-use token replayed");
        }));
  }

  private Checked checkClaims(JsonObject claims) {
    long now = clock.millis() / 1000;
    long leeway = config.leewaySeconds();
    if (!(claims.getValue("exp") instanceof Number exp)) {
      throw Rejection.invalid("exp missing");
    }
    if (now - leeway >= exp.longValue()) {
      throw Rejection.expired("expired at " + exp + ", now " + now);
    }
    if (!(claims.getValue("iat") instanceof Number iat) || iat.longValue() > now + leeway) {
      throw Rejection.invalid("iat missing or ahead: " + claims.getValue("iat") + ", now " + now);
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
    String hostId = optionalText(claims, "hostId");
    String pool = optionalText(claims, "pool");
    if ((hostId == null) == (pool == null)) {
      throw Rejection.invalid("needs exactly one target, hostId or pool");
    }
    Grant grant = new Grant(text(claims, "jti"), text(claims, "sub"), hostId, pool,
      flag(claims, "viewOnly"), exp.longValue(), seconds(claims, "idleTimeout"), seconds(claims, "maxDuration"));
    return new Checked(grant, flag(claims, "singleUse"));
  }

  private boolean audienceMatches(Object aud) {
    if (aud instanceof String single) {
      return config.audience().equals(single);
    }
    return aud instanceof JsonArray list && list.contains(config.audience());
  }

  private static String text(JsonObject claims, String name) {
    String value = optionalText(claims, name);
    if (value == null) {
      throw Rejection.invalid(name + " missing");
    }
    return value;
  }

  private static String optionalText(JsonObject claims, String name) {
    return claims.getValue(name) instanceof String value && !value.isBlank() ? value : null;
  }

  private static int seconds(JsonObject claims, String name) {
    Object value = claims.getValue(name);
    if (value == null) {
      return 0;
    }
    if (!(value instanceof Number n) || n.longValue() < 0 || n.longValue() > Integer.MAX_VALUE) {
      throw Rejection.invalid(name + " is not a number of seconds");
    }
    return n.intValue();
  }

  private static boolean flag(JsonObject claims, String name) {
    Object value = claims.getValue(name);
    if (value != null && !(value instanceof Boolean)) {
      throw Rejection.invalid(name + " is not a boolean");
    }
    return Boolean.TRUE.equals(value);
  }

  private record Checked(Grant grant, boolean singleUse) {
  }
}
