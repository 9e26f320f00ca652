package io.vncgate.token.issue;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vncgate.token.TokenConfig;
import io.vncgate.token.keys.SigningKeys;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Signs tokens and builds the noVNC link that carries them. */
public final class TokenIssuer {

  private final SigningKeys keys;
  private final TokenConfig config;

  public TokenIssuer(SigningKeys keys, TokenConfig config) {
    this.keys = keys;
    this.config = config;
  }

  /** A signed token for the request, with {@code iss}, {@code aud}, {@code iat}, {@code nbf}, {@code exp} and {@code jti}. */
  public IssuedToken issue(TokenRequest request) {
    long now = Instant.now().getEpochSecond();
    long exp = now + request.ttlSeconds();
    String jti = UUID.randomUUID().toString();
    JsonObject claims = new JsonObject()
      .put("sub", request.sub())
      .put("jti", jti)
      .put("iat", now)
      .put("nbf", now)
      .put("exp", exp)
      .put("hostId", request.hostId());
    JWTOptions options = new JWTOptions()
      .setAlgorithm(SigningKeys.ALGORITHM)
      .setIssuer(config.issuer())
      .setAudience(List.of(config.audience()));
    String token = keys.auth().generateToken(claims, options);
    return new IssuedToken(token, jti, exp, url(token));
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
