package io.vncgate.registry.credential;

import io.vncgate.shared.config.ConfigException;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Encrypts VNC passwords at rest with AES-GCM under {@code VNCGATE_CREDENTIAL_KEY} (base64 of 16,
 * 24 or 32 bytes). The host id is the associated data, so a ciphertext copied onto another host
 * does not decrypt. Stored form: {@code v1:<base64(12-byte nonce | ciphertext | tag)>}.
 */
public final class CredentialCipher {

  private static final String VERSION = "v1:";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeySpec key;
  private final SecureRandom random = new SecureRandom();

  private CredentialCipher(SecretKeySpec key) {
    this.key = key;
  }

  /** @throws ConfigException when the key is not base64 of 16, 24 or 32 bytes (the key is never echoed) */
  public static CredentialCipher fromBase64(String encoded) {
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(encoded.trim());
    } catch (IllegalArgumentException e) {
      throw new ConfigException("VNCGATE_CREDENTIAL_KEY must be base64 (make one with: openssl rand -base64 32)");
    }
    if (raw.length != 16 && raw.length != 24 && raw.length != 32) {
      throw new ConfigException("VNCGATE_CREDENTIAL_KEY must decode to 16, 24 or 32 bytes (it decodes to " + raw.length + ")");
    }
    return new CredentialCipher(new SecretKeySpec(raw, "AES"));
  }

  public String encrypt(String hostId, String password) {
    try {
      byte[] nonce = new byte[NONCE_BYTES];
      random.nextBytes(nonce);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(hostId.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(password.getBytes(StandardCharsets.UTF_8));
      return VERSION + Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is part of every JRE", e);
    }
  }

  /** @throws IllegalArgumentException when the value was not sealed by this key for this host */
  public String decrypt(String hostId, String stored) {
    if (stored == null || !stored.startsWith(VERSION)) {
      throw new IllegalArgumentException("not a stored credential");
    }
    try {
      byte[] data = Base64.getDecoder().decode(stored.substring(VERSION.length()));
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, data, 0, NONCE_BYTES));
      cipher.updateAAD(hostId.getBytes(StandardCharsets.UTF_8));
      return new String(cipher.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException("the credential does not decrypt with VNCGATE_CREDENTIAL_KEY", e);
    }
  }
}
