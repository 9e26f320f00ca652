package io.vncgate.shared.config;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the {@link Settings} of a service: defaults (given by each service's config record) ←
 * an optional JSON file named by {@code VNCGATE_CONFIG_FILE} ← {@code VNCGATE_*} environment
 * variables.
 *
 * <p>The JSON file uses the environment names without the prefix, in lowerCamel case:
 * {@code {"httpPort": 8080, "clusterMembers": ["10.0.0.1", "10.0.0.2"]}} sets the same values
 * as {@code VNCGATE_HTTP_PORT=8080 VNCGATE_CLUSTER_MEMBERS=10.0.0.1,10.0.0.2}.
 */
public final class ConfigLoader {

  public static final String PREFIX = "VNCGATE_";
  public static final String CONFIG_FILE = PREFIX + "CONFIG_FILE";

  private ConfigLoader() {
  }

  /** Loads the settings of this process from its environment. */
  public static Settings fromEnvironment() {
    return load(System.getenv());
  }

  /** Loads settings from the given environment (tests pass their own map). */
  public static Settings load(Map<String, String> env) {
    Map<String, Object> values = new HashMap<>();
    String file = env.get(CONFIG_FILE);
    if (file != null && !file.isBlank()) {
      // A null in the file means "not set here", like a missing key.
      readFile(Path.of(file)).forEach(e -> {
        if (e.getValue() != null) {
          values.put(envName(e.getKey()), e.getValue());
        }
      });
    }
    env.forEach((key, value) -> {
      // An empty variable (compose's "${X:-}") leaves the file's value or the default in place.
      if (key.startsWith(PREFIX) && !key.equals(CONFIG_FILE) && !value.isBlank()) {
        values.put(key, value);
      }
    });
    return new Settings(values);
  }

  /**
   * {@code httpPort} → {@code VNCGATE_HTTP_PORT}; {@code HTTP_PORT} → {@code VNCGATE_HTTP_PORT};
   * names already in environment form pass through.
   */
  static String envName(String jsonKey) {
    if (jsonKey.startsWith(PREFIX)) {
      return jsonKey;
    }
    if (jsonKey.equals(jsonKey.toUpperCase(Locale.ROOT))) {
      return PREFIX + jsonKey.replace('-', '_').replace('.', '_');
    }
    StringBuilder name = new StringBuilder(PREFIX);
    for (int i = 0; i < jsonKey.length(); i++) {
      char c = jsonKey.charAt(i);
      if (Character.isUpperCase(c) && i > 0) {
        name.append('_');
      }
      name.append(c == '-' || c == '.' ? '_' : Character.toUpperCase(c));
    }
    return name.toString().toUpperCase(Locale.ROOT);
  }

  private static JsonObject readFile(Path path) {
    try {
      return new JsonObject(Files.readString(path));
    } catch (IOException e) {
      throw new ConfigException(CONFIG_FILE + ": cannot read " + path + " (" + e.getMessage() + ")", e);
    } catch (DecodeException e) {
      throw new ConfigException(CONFIG_FILE + ": " + path + " is not a JSON object (" + e.getMessage() + ")", e);
    }
  }
}
