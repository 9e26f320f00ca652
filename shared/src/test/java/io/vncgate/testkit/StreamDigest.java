package io.vncgate.testkit;

import io.vertx.core.buffer.Buffer;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * Counts and hashes a byte stream, and makes reproducible random chunks to send, so relay tests
 * can prove byte-exact delivery without keeping megabytes around.
 */
public final class StreamDigest {

  private final MessageDigest sha256;
  private long bytes;

  public StreamDigest() {
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public void update(Buffer buffer) {
    sha256.update(buffer.getBytes());
    bytes += buffer.length();
  }

  public long bytes() {
    return bytes;
  }

  /** The hex SHA-256 of everything seen; call once, at the end. */
  public String hex() {
    return HexFormat.of().formatHex(sha256.digest());
  }

  /** A chunk of random bytes from {@code random}. */
  public static Buffer chunk(SplittableRandom random, int size) {
    byte[] data = new byte[size];
    random.nextBytes(data);
    return Buffer.buffer(data);
  }
}
