package io.vncgate.token.issue;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vncgate.token.TokenConfig;
import io.vncgate.token.keys.KeyRing;
import io.vncgate.token.state.TokenState;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Signs tokens, remembers them for revocation, and builds the noVNC link that carries them. */
public final class TokenIssuer {

  private final KeyRing keys;
  private final TokenState state;
  private final TokenConfig config;
  private final Clock clock;

  public TokenIssuer(KeyRing keys, TokenState state, TokenConfig config, Clock clock) {
    this.keys = keys;
    this.state = state;
    this.config = config;
    this.clock = clock;
  }

  /**
   * A token signed with the signing key ({@code kid} and {@code alg} in its header) and the
   * claims {@code iss}, {@code aud}, {@code sub}, {@code jti}, {@code iat}, {@code nbf},
   * {@code exp}, the target ({@code hostId} or {@code pool}) and, when set, {@code viewOnly},
   * {@code singleUse}, {@code idleTimeout} and {@code maxDuration} (seconds). It is usable once it is recorded (so it can be revoked by jti).
   */
  public Future<IssuedToken> issue(TokenRequest request) {
    long now = clock.millis() / 1000;
    long exp = now + request.ttlSeconds();
    String jti = UUID.randomUUID().toString();
    JsonObject claims = new JsonObject()
      .put("sub", request.sub())
      .put("jti", jti)
      .put("iat", now)
      .put("nbf", now)
      .put("exp", exp);
    if (request.hostId() != null) {
      claims.put("hostId", request.hostId());
    } else {
      claims.put("pool", request.pool());
    }
    if (request.viewOnly()) {
      claims.put("viewOnly", true);
    }
    if (request.singleUse()) {
      claims.put("singleUse", true);
    }
    if (request.idleTimeoutSeconds() > 0) {
      claims.put("idleTimeout", request.idleTimeoutSeconds());
    }
    if (request.maxSessionSeconds() > 0) {
      claims.put("maxDuration", request.maxSessionSeconds());
    }
    JWTOptions options = new JWTOptions().setIssuer(config.issuer()).setAudience(List.of(config.audience())).setNoTimestamp(true);
    String token = keys.sign(claims, options);
    return state.recordIssued(jti, request.sub(), exp).map(v -> new IssuedToken(token, jti, exp, url(token)));
  }

  /**
   * The gateway's noVNC page with the WebSocket path (and so the token) in noVNC's {@code path}
   * setting. It rides in the fragment, which browsers never send to servers, so the token stays
   * out of access logs and {@code Referer} headers.
   */
  String url(String token) {
    String wsPath = config.wsPath().startsWith("/") ? config.wsPath().substring(1) : config.wsPath();
    String path = URLEncoder.encode(wsPath + "?token=" + token, StandardCharsets.UTF_8);
    return config.publicUrl() + "/vnc.html#autoconnect=true&path=" + path;
  }

  /**
   * @param token     the compact JWT
   * @param jti       its id, for revocation and audit
   * @param expiresAt expiry, seconds since the epoch
   * @param url       the link that opens the desktop in noVNC
   */
  public record IssuedToken(String token, String jti, long expiresAt, String url) {

    public JsonObject toJson() {
      return new JsonObject().put("token", token).put("jti", jti)
        .put("expiresAt", Instant.ofEpochSecond(expiresAt).toString()).put("url", url);
    }
  }
}
