package io.vncgate.token.keys;

import io.vertx.core.json.JsonObject;
import io.vncgate.shared.config.ConfigException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the keys in {@code VNCGATE_JWT_KEYS_DIR}. The file name (without extension) is the kid:
 * <ul>
 *   <li>{@code <kid>.pem} with a {@code PRIVATE KEY} (PKCS#8): a key that can sign. EC keys must
 *       be P-256 (ES256) and need their {@code PUBLIC KEY} block in the same file; RSA keys
 *       (RS256) need at least 2048 bits.</li>
 *   <li>{@code <kid>.pem} with only a {@code PUBLIC KEY}: a verify-only key (rotation overlap).</li>
 *   <li>{@code <kid>.hs256}: an HMAC secret of at least 32 bytes (HS256), sign and verify.</li>
 * </ul>
 * {@code keygen} writes files in this layout.
 */
public final class KeyFiles {

  public static final Pattern KID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");
  public static final int MIN_SECRET_BYTES = 32;

  private KeyFiles() {
  }

  public static List<TokenKey> load(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new ConfigException("VNCGATE_JWT_KEYS_DIR: " + dir + " is not a directory");
    }
    List<TokenKey> keys = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.sorted().toList()) {
        String name = file.getFileName().toString();
        if (name.endsWith(".pem")) {
          keys.add(pem(kid(name, ".pem"), Files.readString(file, StandardCharsets.US_ASCII)));
        } else if (name.endsWith(".hs256")) {
          keys.add(secret(kid(name, ".hs256"), Files.readString(file, StandardCharsets.UTF_8).strip(), "VNCGATE_JWT_KEYS_DIR: " + name));
        }
      }
    } catch (IOException e) {
      throw new ConfigException("VNCGATE_JWT_KEYS_DIR: cannot read " + dir + " (" + e.getMessage() + ")", e);
    }
    return keys;
  }

  /** An HS256 key; {@code where} names the setting or file in error messages (never the secret). */
  public static TokenKey secret(String kid, String secret, String where) {
    byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
    if (bytes.length < MIN_SECRET_BYTES) {
      throw new ConfigException(where + ": an HS256 secret must be at least " + MIN_SECRET_BYTES + " bytes long (it is shorter)");
    }
    return new TokenKey(kid, "HS256", Jwk.secret(kid, bytes), Jwk.secret(kid, bytes), null);
  }

  static TokenKey pem(String kid, String text) {
    String where = "VNCGATE_JWT_KEYS_DIR: " + kid + ".pem";
    byte[] privateDer = null;
    byte[] publicDer = null;
    Matcher block = PEM.matcher(text);
    while (block.find()) {
      byte[] der = Base64.getMimeDecoder().decode(block.group(2));
      switch (block.group(1)) {
        case "PRIVATE KEY" -> privateDer = der;
        case "PUBLIC KEY" -> publicDer = der;
        default -> throw new ConfigException(where + ": unsupported PEM block '" + block.group(1)
          + "' (use PKCS#8 'PRIVATE KEY' and 'PUBLIC KEY', e.g. openssl genpkey / openssl pkey -pubout)");
      }
    }
    try {
      if (privateDer == null && publicDer == null) {
        throw new ConfigException(where + ": no PRIVATE KEY or PUBLIC KEY block");
      }
      String type = privateDer != null ? keyType(privateDer, true) : keyType(publicDer, false);
      return "EC".equals(type) ? ec(kid, where, privateDer, publicDer) : rsa(kid, where, privateDer, publicDer);
    } catch (GeneralSecurityException e) {
      throw new ConfigException(where + ": not a usable key (" + e.getMessage() + ")", e);
    }
  }

  private static TokenKey ec(String kid, String where, byte[] privateDer, byte[] publicDer) throws GeneralSecurityException {
    KeyFactory factory = KeyFactory.getInstance("EC");
    if (publicDer == null) {
      throw new ConfigException(where + ": an EC private key needs its PUBLIC KEY block in the same file"
        + " (append it with: openssl pkey -in " + kid + ".pem -pubout >> " + kid + ".pem)");
    }
    ECPublicKey pub = (ECPublicKey) factory.generatePublic(new X509EncodedKeySpec(publicDer));
    if (pub.getParams().getCurve().getField().getFieldSize() != 256) {
      throw new ConfigException(where + ": EC keys must be on curve P-256 (ES256)");
    }
    JsonObject publicJwk = Jwk.ecPublic(kid, pub);
    JsonObject privateJwk = privateDer == null ? null
      : Jwk.ecPrivate(kid, pub, (ECPrivateKey) factory.generatePrivate(new PKCS8EncodedKeySpec(privateDer)));
    return new TokenKey(kid, "ES256", publicJwk, privateJwk, publicJwk);
  }

  private static TokenKey rsa(String kid, String where, byte[] privateDer, byte[] publicDer) throws GeneralSecurityException {
    KeyFactory factory = KeyFactory.getInstance("RSA");
    RSAPrivateCrtKey priv = privateDer == null ? null : (RSAPrivateCrtKey) factory.generatePrivate(new PKCS8EncodedKeySpec(privateDer));
    RSAPublicKey pub = publicDer != null ? (RSAPublicKey) factory.generatePublic(new X509EncodedKeySpec(publicDer))
      : (RSAPublicKey) factory.generatePublic(new RSAPublicKeySpec(priv.getModulus(), priv.getPublicExponent()));
    if (pub.getModulus().bitLength() < 2048) {
      throw new ConfigException(where + ": RSA keys must have at least 2048 bits");
    }
    JsonObject publicJwk = Jwk.rsaPublic(kid, pub);
    return new TokenKey(kid, "RS256", publicJwk, priv == null ? null : Jwk.rsaPrivate(kid, pub, priv), publicJwk);
  }

  private static String keyType(byte[] der, boolean isPrivate) throws GeneralSecurityException {
    for (String type : new String[] {"EC", "RSA"}) {
      try {
        KeyFactory factory = KeyFactory.getInstance(type);
        if (isPrivate) {
          factory.generatePrivate(new PKCS8EncodedKeySpec(der));
        } else {
          factory.generatePublic(new X509EncodedKeySpec(der));
        }
        return type;
      } catch (GeneralSecurityException | ClassCastException e) {
        // try the next type
      }
    }
    throw new GeneralSecurityException("neither an EC nor an RSA key");
  }

  private static String kid(String fileName, String extension) {
    String kid = fileName.substring(0, fileName.length() - extension.length());
    if (!KID.matcher(kid).matches()) {
      throw new ConfigException("VNCGATE_JWT_KEYS_DIR: '" + fileName + "': a key id is 1-64 letters, digits or . _ -");
    }
    return kid;
  }
}
