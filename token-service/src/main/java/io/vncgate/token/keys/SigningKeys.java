package io.vncgate.token.keys;

import io.vertx.core.Vertx;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;

/**
 * The keys tokens are signed and verified with. Today one HS256 secret shared by every
 * token-service instance, so any instance verifies any other's tokens.
 *
 * <p>The JWT library looks keys up by the token's {@code alg} header, so only HS256 tokens can
 * ever reach this key; {@code alg: none} and every other algorithm find no key and fail.
 */
public final class SigningKeys {

  public static final String ALGORITHM = "HS256";

  private final JWTAuth auth;

  private SigningKeys(JWTAuth auth) {
    this.auth = auth;
  }

  public static SigningKeys hs256(Vertx vertx, String secret) {
    JWTAuthOptions options = new JWTAuthOptions()
      .addPubSecKey(new PubSecKeyOptions().setAlgorithm(ALGORITHM).setBuffer(secret))
      // Claims (exp, nbf, iss, aud) are checked by TokenVerifier, which requires exp and
      // reports "expired" separately; the library only checks the signature.
      .setJWTOptions(new io.vertx.ext.auth.JWTOptions().setIgnoreExpiration(true));
    return new SigningKeys(JWTAuth.create(vertx, options));
  }

  /** The provider that signs and checks signatures. */
  public JWTAuth auth() {
    return auth;
  }
}
