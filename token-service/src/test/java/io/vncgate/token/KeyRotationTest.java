package io.vncgate.token;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vncgate.token.issue.TokenRequest;
import io.vncgate.token.keys.KeyGen;
import io.vncgate.token.verify.Rejection;
import io.vncgate.testkit.RedisTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Rotation with overlap: add the new key, switch signing to it while the old one only verifies,
 * later remove the old one. Logins issued before the switch keep working until the old key goes.
 */
@ExtendWith(VertxExtension.class)
class KeyRotationTest {

  private static RedisTestServer redis;

  @BeforeAll
  static void start() {
    redis = RedisTestServer.start();
  }

  @AfterAll
  static void stop() {
    redis.close();
  }

  private static TokenConfig config(Path keys, String signer, String prefix) {
    return TestTokens.config(redis.url(), keys, Map.of("JWT_SIGNING_KEY", signer, "REDIS_PREFIX", prefix));
  }

  @Test
  void oldKeyVerifiesDuringOverlapAndNotAfterRemoval(Vertx vertx) throws Exception {
    String prefix = "rot:";
    // 0. One key signs.
    Path start = Files.createTempDirectory("keys-0");
    KeyGen.generate(start, "2026-01", "ES256");
    String oldToken = new TokenServices(vertx, config(start, "2026-01", prefix))
      .issue(new TokenRequest("desk-1", null, "alice", 600, false, false));

    // 1. The new key is added everywhere; the old one still signs.
    Path added = Files.createTempDirectory("keys-1");
    Files.copy(start.resolve("2026-01.pem"), added.resolve("2026-01.pem"));
    KeyGen.generate(added, "2026-02", "ES256");
    TokenServices notYetSwitched = new TokenServices(vertx, config(added, "2026-01", prefix));
    assertEquals("alice", notYetSwitched.verify(oldToken, "10.0.0.1").sub());

    // 2. Signing switches to the new key; the old key is kept as a verify-only public key.
    Path switched = Files.createTempDirectory("keys-2");
    Files.copy(added.resolve("2026-02.pem"), switched.resolve("2026-02.pem"));
    String oldPem = Files.readString(start.resolve("2026-01.pem"));
    Files.writeString(switched.resolve("2026-01.pem"), oldPem.substring(oldPem.indexOf("-----BEGIN PUBLIC KEY-----")));
    TokenServices rotated = new TokenServices(vertx, config(switched, "2026-02", prefix));
    assertEquals("alice", rotated.verify(oldToken, "10.0.0.1").sub(), "old tokens verify during the overlap");
    String newToken = rotated.issue(new TokenRequest("desk-1", null, "bob", 600, false, false));
    assertEquals("bob", notYetSwitched.verify(newToken, "10.0.0.1").sub(), "instances not switched yet accept new tokens");

    // 3. The old key is removed: its tokens fail, new ones keep working.
    Path retired = Files.createTempDirectory("keys-3");
    Files.copy(switched.resolve("2026-02.pem"), retired.resolve("2026-02.pem"));
    TokenServices after = new TokenServices(vertx, config(retired, "2026-02", prefix));
    assertEquals("bob", after.verify(newToken, "10.0.0.1").sub());
    Exception e = assertThrows(Exception.class, () -> after.verify(oldToken, "10.0.0.1"));
    assertInstanceOf(Rejection.class, e, "the old key is gone: its tokens fail");
  }
}
