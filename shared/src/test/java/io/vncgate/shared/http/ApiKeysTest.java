package io.vncgate.shared.http;

import io.vncgate.shared.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApiKeysTest {

  private static String hashed(String name, String key) {
    return name + "=sha256:" + HexFormat.of().formatHex(ApiKeys.sha256(key));
  }

  @Test
  void hashedKeysMatchByTheirSecretAndAreKnownByName() {
    ApiKeys keys = ApiKeys.parse(List.of(hashed("portal", "s3cret-portal"), hashed("ci", "s3cret-ci")));
    assertEquals("portal", keys.match("s3cret-portal").orElseThrow().name());
    assertEquals("ci", keys.match("s3cret-ci").orElseThrow().name());
    assertFalse(keys.match("s3cret-other").isPresent());
    assertFalse(keys.match(hashed("portal", "s3cret-portal")).isPresent(), "the stored digest is not a key");
    assertEquals(List.of("portal", "ci"), keys.names());
  }

  @Test
  void plainKeysStillWorkUnderGeneratedNames() {
    ApiKeys keys = ApiKeys.parse(List.of("local-key", hashed("ops", "x")));
    assertEquals("key-1", keys.match("local-key").orElseThrow().name());
  }

  @Test
  void badConfigurationsAreRefused() {
    assertTrue(assertThrows(ConfigException.class, () -> ApiKeys.parse(List.of())).getMessage().contains("VNCGATE_API_KEYS"));
    assertThrows(ConfigException.class, () -> ApiKeys.parse(List.of("ops=sha256:abc")));
    assertThrows(ConfigException.class, () -> ApiKeys.parse(List.of(hashed("ops", "a"), hashed("ops", "b"))));
  }
}
