package io.vncgate.token.keys;

import io.vncgate.shared.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyFilesTest {

  @TempDir
  Path dir;

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + type + "-----\n";
  }

  private ConfigException refused(String file, String content) throws Exception {
    Files.writeString(dir.resolve(file), content);
    return assertThrows(ConfigException.class, () -> KeyFiles.load(dir));
  }

  @Test
  void keygenOutputLoadsWithTheRightAlgorithms() throws Exception {
    KeyGen.generate(dir, "e", "ES256");
    KeyGen.generate(dir, "r", "RS256");
    KeyGen.generate(dir, "h", "HS256");
    List<TokenKey> keys = KeyFiles.load(dir);
    assertEquals(List.of("e:ES256", "h:HS256", "r:RS256"), keys.stream().map(k -> k.kid() + ":" + k.alg()).toList());
    assertTrue(keys.stream().allMatch(TokenKey::canSign));
    assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("e.pem"))));
  }

  @Test
  void publicOnlyFilesVerifyButNeverSign() throws Exception {
    KeyGen.generate(dir, "full", "RS256");
    String text = Files.readString(dir.resolve("full.pem"));
    Files.writeString(dir.resolve("old.pem"), text.substring(text.indexOf("-----BEGIN PUBLIC KEY-----")));
    TokenKey old = KeyFiles.load(dir).stream().filter(k -> k.kid().equals("old")).findFirst().orElseThrow();
    assertFalse(old.canSign());
    assertThrows(ConfigException.class, () -> KeyRing.signingKey(List.of(old), "old"));
  }

  @Test
  void rsaPrivateKeyAloneIsEnough() throws Exception {
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    Files.writeString(dir.resolve("r.pem"), pem("PRIVATE KEY", rsa.generateKeyPair().getPrivate().getEncoded()));
    TokenKey key = KeyFiles.load(dir).get(0);
    assertEquals("RS256", key.alg());
    assertTrue(key.canSign());
  }

  @Test
  void unusableFilesAreRefusedWithAReason() throws Exception {
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(256);
    assertTrue(refused("ec.pem", pem("PRIVATE KEY", ec.generateKeyPair().getPrivate().getEncoded())).getMessage().contains("PUBLIC KEY"));
    Files.delete(dir.resolve("ec.pem"));

    KeyPairGenerator smallRsa = KeyPairGenerator.getInstance("RSA");
    smallRsa.initialize(1024);
    assertTrue(refused("small.pem", pem("PRIVATE KEY", smallRsa.generateKeyPair().getPrivate().getEncoded())).getMessage().contains("2048"));
    Files.delete(dir.resolve("small.pem"));

    assertTrue(refused("legacy.pem", pem("RSA PRIVATE KEY", new byte[] {1, 2, 3})).getMessage().contains("PKCS#8"));
    Files.delete(dir.resolve("legacy.pem"));
    assertTrue(refused("short.hs256", "too-short").getMessage().contains("32 bytes"));
    Files.delete(dir.resolve("short.hs256"));
    assertTrue(refused("bad kid!.pem", "x").getMessage().contains("key id"));
  }

  @Test
  void signerMustBeClear() throws Exception {
    KeyGen.generate(dir, "a", "ES256");
    KeyGen.generate(dir, "b", "ES256");
    List<TokenKey> keys = KeyFiles.load(dir);
    assertTrue(assertThrows(ConfigException.class, () -> KeyRing.signingKey(keys, null)).getMessage().contains("VNCGATE_JWT_SIGNING_KEY"));
    assertEquals("b", KeyRing.signingKey(keys, "b").kid());
    assertTrue(assertThrows(ConfigException.class, () -> KeyRing.signingKey(List.of(), null)).getMessage().contains("keygen"));
  }
}
