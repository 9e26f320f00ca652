package io.vncgate.token;

import io.vncgate.shared.config.ConfigException;
import io.vncgate.shared.config.Settings;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenConfigTest {

  @Test
  void refusesToStartWithoutAKeyOrWithAWeakSecret() {
    ConfigException missing = assertThrows(ConfigException.class, () -> TokenConfig.from(Settings.of(Map.of("API_KEYS", "k"))));
    assertTrue(missing.getMessage().contains("VNCGATE_JWT_KEYS_DIR"), missing.getMessage());
    ConfigException weak = assertThrows(ConfigException.class,
      () -> TokenConfig.from(Settings.of(Map.of("API_KEYS", "k", "JWT_SECRET", "x".repeat(31)))));
    assertTrue(weak.getMessage().contains("VNCGATE_JWT_SECRET") && weak.getMessage().contains("32 bytes"));
  }

  @Test
  void secretAloneIsAnHs256KeyThatSigns() {
    TokenConfig config = TokenConfig.from(Settings.of(Map.of("API_KEYS", "k", "JWT_SECRET", "x".repeat(32))));
    assertEquals("HS256", config.signingKey().alg());
    assertEquals("secret", config.signingKey().kid());
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
