package io.vncgate.token.keys;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Bouncy Castle ES256 check against the JDK's own ECDSA in the JWS format
 * ({@code SHA256withECDSAinP1363Format}): both must give the same verdict on good signatures
 * and on every kind of broken one.
 */
class Es256SignaturesTest {

  /** The order of P-256's base point. */
  private static final BigInteger N = new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);

  private static KeyPair keys;
  private static KeyPair otherKeys;

  @BeforeAll
  static void keys() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    keys = generator.generateKeyPair();
    otherKeys = generator.generateKeyPair();
  }

  private static byte[] sign(KeyPair pair, byte[] input) throws GeneralSecurityException {
    Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
    signer.initSign(pair.getPrivate());
    signer.update(input);
    return signer.sign();
  }

  private static boolean jdkVerdict(byte[] input, byte[] signature) throws GeneralSecurityException {
    Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
    verifier.initVerify(keys.getPublic());
    verifier.update(input);
    try {
      return verifier.verify(signature);
    } catch (java.security.SignatureException e) {
      return false;
    }
  }

  private static byte[] fixed32(BigInteger value) {
    byte[] raw = value.toByteArray();
    byte[] out = new byte[32];
    int copy = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
    return out;
  }

  private static byte[] rs(BigInteger r, BigInteger s) {
    byte[] out = new byte[64];
    System.arraycopy(fixed32(r), 0, out, 0, 32);
    System.arraycopy(fixed32(s), 0, out, 32, 32);
    return out;
  }

  @Test
  void agreesWithTheJdkOnGoodAndBrokenSignatures() throws GeneralSecurityException {
    Es256Signatures es = new Es256Signatures(Jwk.ecPublic("k1", (ECPublicKey) keys.getPublic()));
    List<String> names = new ArrayList<>();
    List<byte[]> inputs = new ArrayList<>();
    List<byte[]> signatures = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      byte[] input = ("eyJhbGciOiJFUzI1NiJ9." + ThreadLocalRandom.current().nextLong()).getBytes(StandardCharsets.US_ASCII);
      byte[] good = sign(keys, input);
      BigInteger r = new BigInteger(1, Arrays.copyOfRange(good, 0, 32));
      BigInteger s = new BigInteger(1, Arrays.copyOfRange(good, 32, 64));
      byte[] flipped = good.clone();
      flipped[ThreadLocalRandom.current().nextInt(64)] ^= (byte) (1 << ThreadLocalRandom.current().nextInt(8));
      byte[] otherInput = input.clone();
      otherInput[otherInput.length - 1] ^= 1;
      add(names, inputs, signatures, "good " + i, input, good);
      add(names, inputs, signatures, "bit flipped " + i, input, flipped);
      add(names, inputs, signatures, "other input " + i, otherInput, good);
      add(names, inputs, signatures, "other key " + i, input, sign(otherKeys, input));
      add(names, inputs, signatures, "r and s swapped " + i, input, rs(s, r));
      add(names, inputs, signatures, "s negated (n - s) " + i, input, rs(r, N.subtract(s)));
      add(names, inputs, signatures, "r + n does not fit " + i, input, rs(r.add(N), s));
      add(names, inputs, signatures, "truncated " + i, input, Arrays.copyOf(good, 63));
      add(names, inputs, signatures, "one byte more " + i, input, Arrays.copyOf(good, 65));
    }
    add(names, inputs, signatures, "r = 0", inputs.get(0), rs(BigInteger.ZERO, BigInteger.ONE));
    add(names, inputs, signatures, "s = 0", inputs.get(0), rs(BigInteger.ONE, BigInteger.ZERO));
    add(names, inputs, signatures, "r = n", inputs.get(0), rs(N, BigInteger.ONE));
    add(names, inputs, signatures, "s = n", inputs.get(0), rs(BigInteger.ONE, N));
    add(names, inputs, signatures, "empty", inputs.get(0), new byte[0]);

    int good = 0;
    for (int i = 0; i < names.size(); i++) {
      boolean expected = jdkVerdict(inputs.get(i), signatures.get(i));
      assertEquals(expected, es.verify(inputs.get(i), signatures.get(i)), names.get(i));
      good += expected ? 1 : 0;
    }
    // The JDK accepts exactly the 20 good signatures (ECDSA also accepts (r, n - s), as JWS does).
    assertTrue(good >= 20, "the good signatures verify");
    assertFalse(es.verify(inputs.get(0), signatures.get(1)), "a broken signature is refused");
  }

  private static void add(List<String> names, List<byte[]> inputs, List<byte[]> signatures, String name, byte[] input, byte[] signature) {
    names.add(name);
    inputs.add(input);
    signatures.add(signature);
  }

  @Test
  void refusesKeysThatAreNotP256Points() {
    var jwk = Jwk.ecPublic("k1", (ECPublicKey) keys.getPublic());
    String y = jwk.getString("y");
    // The first character holds the top six bits of y (the last one holds padding bits too).
    jwk.put("y", (y.charAt(0) == 'A' ? 'B' : 'A') + y.substring(1));
    assertThrows(IllegalArgumentException.class, () -> new Es256Signatures(jwk), "a point off the curve");
    assertThrows(IllegalArgumentException.class, () -> new Es256Signatures(Jwk.ecPublic("k1", (ECPublicKey) keys.getPublic()).put("crv", "P-384")));
  }
}
