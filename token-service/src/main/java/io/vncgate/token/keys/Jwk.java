package io.vncgate.token.keys;

import io.vertx.core.json.JsonObject;

import java.math.BigInteger;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;

/** JSON Web Keys (RFC 7517/7518) for the keys the token service holds. */
final class Jwk {

  private Jwk() {
  }

  static JsonObject ecPublic(String kid, ECPublicKey key) {
    return new JsonObject().put("kty", "EC").put("crv", "P-256").put("kid", kid).put("use", "sig").put("alg", "ES256")
      .put("x", b64(key.getW().getAffineX(), 32)).put("y", b64(key.getW().getAffineY(), 32));
  }

  static JsonObject ecPrivate(String kid, ECPublicKey pub, ECPrivateKey key) {
    return ecPublic(kid, pub).put("d", b64(key.getS(), 32));
  }

  static JsonObject rsaPublic(String kid, RSAPublicKey key) {
    return new JsonObject().put("kty", "RSA").put("kid", kid).put("use", "sig").put("alg", "RS256")
      .put("n", b64(key.getModulus(), 0)).put("e", b64(key.getPublicExponent(), 0));
  }

  static JsonObject rsaPrivate(String kid, RSAPublicKey pub, RSAPrivateCrtKey key) {
    return rsaPublic(kid, pub).put("d", b64(key.getPrivateExponent(), 0)).put("p", b64(key.getPrimeP(), 0))
      .put("q", b64(key.getPrimeQ(), 0)).put("dp", b64(key.getPrimeExponentP(), 0))
      .put("dq", b64(key.getPrimeExponentQ(), 0)).put("qi", b64(key.getCrtCoefficient(), 0));
  }

  static JsonObject secret(String kid, byte[] secret) {
    return new JsonObject().put("kty", "oct").put("kid", kid).put("use", "sig").put("alg", "HS256")
      .put("k", Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
  }

  /** Unsigned big-endian bytes, left-padded to {@code size} when size > 0 (EC coordinates). */
  private static String b64(BigInteger value, int size) {
    byte[] bytes = value.toByteArray();
    if (bytes.length > 1 && bytes[0] == 0) {
      bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
    }
    if (size > bytes.length) {
      byte[] padded = new byte[size];
      System.arraycopy(bytes, 0, padded, size - bytes.length, bytes.length);
      bytes = padded;
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
