package io.vncgate.token.keys;

import io.vertx.core.json.JsonObject;

/**
 * One key of the key ring.
 *
 * @param kid        its id, the {@code kid} header of the tokens it signs
 * @param alg        the only algorithm tokens with this kid may use (ES256, RS256 or HS256)
 * @param verifyJwk  what verifies signatures: the public key, or the HMAC secret
 * @param signJwk    what signs: the private key or the secret, or {@code null} for verify-only keys
 * @param publicJwk  what {@code /.well-known/jwks.json} publishes, or {@code null} for HMAC secrets
 */
public record TokenKey(String kid, String alg, JsonObject verifyJwk, JsonObject signJwk, JsonObject publicJwk) {

  public boolean canSign() {
    return signJwk != null;
  }

  @Override
  public String toString() {
    return "TokenKey[" + kid + ", " + alg + (canSign() ? ", can sign" : ", verify only") + "]";
  }
}
