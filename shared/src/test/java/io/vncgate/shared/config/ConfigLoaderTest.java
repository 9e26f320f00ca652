package io.vncgate.shared.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigLoaderTest {

  @TempDir
  Path dir;

  @Test
  void defaultsApplyWhenNothingIsSet() {
    Settings settings = ConfigLoader.load(Map.of());
    assertEquals(8080, settings.port("HTTP_PORT", 8080));
    assertEquals(List.of("127.0.0.1"), settings.list("CLUSTER_MEMBERS", List.of("127.0.0.1")));
  }

  @Test
  void fileOverridesDefaultsAndEnvironmentOverridesFile() throws IOException {
    Path file = dir.resolve("vncgate.json");
    Files.writeString(file, "{\"httpPort\": 9001, \"clusterMembers\": [\"10.0.0.1\", \"10.0.0.2\"], \"allowedOrigins\": \"https://a\"}");
    Settings settings = ConfigLoader.load(Map.of(
      "VNCGATE_CONFIG_FILE", file.toString(),
      "VNCGATE_ALLOWED_ORIGINS", "https://b, https://c",
      "UNRELATED", "x"));
    assertEquals(9001, settings.port("HTTP_PORT", 8080));
    assertEquals(List.of("10.0.0.1", "10.0.0.2"), settings.list("CLUSTER_MEMBERS", List.of()));
    assertEquals(List.of("https://b", "https://c"), settings.list("ALLOWED_ORIGINS", List.of()));
    assertTrue(settings.optional("UNRELATED").isEmpty());
  }

  @Test
  void badValueNamesTheSetting() {
    Settings settings = ConfigLoader.load(Map.of("VNCGATE_HTTP_PORT", "eighty"));
    ConfigException e = assertThrows(ConfigException.class, () -> settings.port("HTTP_PORT", 8080));
    assertTrue(e.getMessage().contains("VNCGATE_HTTP_PORT"), e.getMessage());
    assertTrue(e.getMessage().contains("eighty"), e.getMessage());
  }

  @Test
  void shortSecretIsRefusedWithoutEchoingIt() {
    Settings settings = ConfigLoader.load(Map.of("VNCGATE_JWT_SECRET", "too-short-secret"));
    ConfigException e = assertThrows(ConfigException.class, () -> settings.secret("JWT_SECRET", 32));
    assertTrue(e.getMessage().contains("VNCGATE_JWT_SECRET"), e.getMessage());
    assertTrue(!e.getMessage().contains("too-short-secret"), e.getMessage());
  }

  @Test
  void unreadableFileIsReported() {
    Path missing = dir.resolve("missing.json");
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of("VNCGATE_CONFIG_FILE", missing.toString())));
    assertTrue(e.getMessage().startsWith("VNCGATE_CONFIG_FILE"), e.getMessage());
  }

  @Test
  void jsonKeysMapToEnvironmentNames() {
    assertEquals("VNCGATE_HTTP_PORT", ConfigLoader.envName("httpPort"));
    assertEquals("VNCGATE_JWT_SECRET", ConfigLoader.envName("jwtSecret"));
    assertEquals("VNCGATE_WS_PATH", ConfigLoader.envName("VNCGATE_WS_PATH"));
    assertEquals("VNCGATE_HTTP_PORT", ConfigLoader.envName("HTTP_PORT"));
  }

  @Test
  void nullsInTheFileAndEmptyVariablesLeaveTheSettingUnset() throws IOException {
    Path file = dir.resolve("nulls.json");
    Files.writeString(file, "{\"httpPort\": null, \"allowedOrigins\": \"https://a\"}");
    Settings settings = ConfigLoader.load(Map.of("VNCGATE_CONFIG_FILE", file.toString(), "VNCGATE_ALLOWED_ORIGINS", ""));
    assertEquals(8080, settings.port("HTTP_PORT", 8080));
    assertEquals(List.of("https://a"), settings.list("ALLOWED_ORIGINS", List.of()), "an empty variable does not wipe the file's value");
  }
}
