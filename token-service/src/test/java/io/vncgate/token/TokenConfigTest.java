package io.vncgate.token;

import io.vncgate.shared.config.ConfigException;
import io.vncgate.shared.config.Settings;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenConfigTest {

  @Test
  void refusesToStartWithoutAStrongSecret() {
    ConfigException missing = assertThrows(ConfigException.class,
      () -> TokenConfig.from(Settings.of(Map.of("API_KEYS", "k"))));
    assertTrue(missing.getMessage().contains("VNCGATE_JWT_SECRET"));
    ConfigException weak = assertThrows(ConfigException.class,
      () -> TokenConfig.from(Settings.of(Map.of("API_KEYS", "k", "JWT_SECRET", "x".repeat(31)))));
    assertTrue(weak.getMessage().contains("32 bytes"));
  }

  @Test
  void refusesToStartWithoutApiKeysOrWithABadPublicUrl() {
    String secret = "x".repeat(32);
    assertTrue(assertThrows(ConfigException.class, () -> TokenConfig.from(Settings.of(Map.of("JWT_SECRET", secret))))
      .getMessage().contains("VNCGATE_API_KEYS"));
    assertTrue(assertThrows(ConfigException.class, () -> TokenConfig.from(Settings.of(
      Map.of("JWT_SECRET", secret, "API_KEYS", "k", "PUBLIC_URL", "ftp://x")))).getMessage().contains("VNCGATE_PUBLIC_URL"));
  }
}
