package io.vncgate.token.keys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/**
 * {@code java -jar token-service.jar keygen <dir> <kid> [ES256|RS256|HS256]}: writes a new key in
 * the {@link KeyFiles} layout, readable by its owner only. ES256 is the default.
 */
public final class KeyGen {

  private KeyGen() {
  }

  /** @return the file written */
  public static Path generate(Path dir, String kid, String alg) throws IOException, GeneralSecurityException {
    Files.createDirectories(dir);
    String upper = alg.toUpperCase(Locale.ROOT);
    if ("HS256".equals(upper)) {
      byte[] secret = new byte[32];
      new SecureRandom().nextBytes(secret);
      return write(dir.resolve(kid + ".hs256"), HexFormat.of().formatHex(secret) + "\n");
    }
    KeyPairGenerator generator;
    if ("ES256".equals(upper)) {
      generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
    } else if ("RS256".equals(upper)) {
      generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(3072);
    } else {
      throw new IllegalArgumentException("algorithm must be ES256, RS256 or HS256, not " + alg);
    }
    KeyPair pair = generator.generateKeyPair();
    return write(dir.resolve(kid + ".pem"), pem("PRIVATE KEY", pair.getPrivate().getEncoded())
      + pem("PUBLIC KEY", pair.getPublic().getEncoded()));
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
      + "\n-----END " + type + "-----\n";
  }

  private static Path write(Path file, String content) throws IOException {
    if (Files.exists(file)) {
      throw new IOException(file + " exists; choose another kid");
    }
    Files.writeString(file, content);
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: keep the default permissions
    }
    return file;
  }
}
