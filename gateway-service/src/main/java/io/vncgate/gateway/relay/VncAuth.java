package io.vncgate.gateway.relay;

import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * The VNC Authentication response (RFB security type 2): the server's 16-byte challenge
 * encrypted with DES, keyed by the first eight bytes of the password with each byte's bits
 * reversed (a quirk every VNC implementation shares).
 */
final class VncAuth {

  private VncAuth() {
  }

  static byte[] response(String password, byte[] challenge) {
    byte[] key = new byte[8];
    byte[] bytes = password.getBytes(StandardCharsets.ISO_8859_1);
    for (int i = 0; i < key.length && i < bytes.length; i++) {
      key[i] = (byte) (Integer.reverse(bytes[i] & 0xff) >>> 24);
    }
    try {
      Cipher des = Cipher.getInstance("DES/ECB/NoPadding");
      des.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "DES"));
      return des.doFinal(challenge);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("DES is part of every JRE", e);
    }
  }
}
