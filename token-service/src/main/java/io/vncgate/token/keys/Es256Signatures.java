package io.vncgate.token.keys;

import io.vertx.core.json.JsonObject;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;

import java.math.BigInteger;
import java.util.Base64;

/**
 * Checks ES256 (ECDSA on P-256 with SHA-256, RFC 7518 §3.4) signatures of one public key with
 * Bouncy Castle's P-256 arithmetic.
 *
 * <p>Why not the JDK's (which vertx-auth-jwt uses): on Java 17 one check costs about 1.1 ms of
 * CPU here and Bouncy Castle's about 0.23 ms (same machine, same key, warm). Every token a
 * token-service instance has not seen yet is checked once, so this is what a node's rate of
 * new sessions is made of (docs/performance.md). The public key's point is validated once, and
 * its precomputed multiples are kept with it between checks.
 */
final class Es256Signatures {

  private static final X9ECParameters P256 = CustomNamedCurves.getByName("secp256r1");
  private static final ECDomainParameters DOMAIN = new ECDomainParameters(P256.getCurve(), P256.getG(), P256.getN(), P256.getH());
  /** A JWS ES256 signature is R and S, 32 bytes each, big-endian (not DER). */
  private static final int SIGNATURE_BYTES = 64;

  private final ECPublicKeyParameters key;

  /** @param jwk an EC public JWK on P-256 ({@code crv}, {@code x}, {@code y}) */
  Es256Signatures(JsonObject jwk) {
    if (!"EC".equals(jwk.getString("kty")) || !"P-256".equals(jwk.getString("crv"))) {
      throw new IllegalArgumentException("not a P-256 key");
    }
    BigInteger x = new BigInteger(1, Base64.getUrlDecoder().decode(jwk.getString("x")));
    BigInteger y = new BigInteger(1, Base64.getUrlDecoder().decode(jwk.getString("y")));
    // validatePoint refuses a point that is not on the curve.
    this.key = new ECPublicKeyParameters(DOMAIN.getCurve().validatePoint(x, y), DOMAIN);
  }

  /**
   * @param signingInput the ASCII bytes of {@code header.payload} as they appear in the token
   * @param signature    the decoded third part of the token
   */
  boolean verify(byte[] signingInput, byte[] signature) {
    if (signature.length != SIGNATURE_BYTES) {
      return false;
    }
    BigInteger r = new BigInteger(1, signature, 0, SIGNATURE_BYTES / 2);
    BigInteger s = new BigInteger(1, signature, SIGNATURE_BYTES / 2, SIGNATURE_BYTES / 2);
    SHA256Digest sha256 = new SHA256Digest();
    sha256.update(signingInput, 0, signingInput.length);
    byte[] digest = new byte[sha256.getDigestSize()];
    sha256.doFinal(digest, 0);
    ECDSASigner ecdsa = new ECDSASigner();
    ecdsa.init(false, key);
    // Refuses r or s outside [1, n-1] before any arithmetic.
    return ecdsa.verifySignature(digest, r, s);
  }
}
