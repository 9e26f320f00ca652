package io.vncgate.shared.config;

import io.vertx.core.json.JsonArray;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typed, validated access to merged settings. Names are given without the {@code VNCGATE_}
 * prefix ({@code "HTTP_PORT"}); every error message names the full environment variable.
 */
public final class Settings {

  private final Map<String, Object> values;

  Settings(Map<String, Object> values) {
    this.values = Map.copyOf(values);
  }

  /** Settings made from a plain map of environment-style names, for tests and embedding. */
  public static Settings of(Map<String, ?> values) {
    Map<String, Object> prefixed = new HashMap<>();
    values.forEach((k, v) -> prefixed.put(k.startsWith(ConfigLoader.PREFIX) ? k : ConfigLoader.PREFIX + k, v));
    return new Settings(prefixed);
  }

  public Optional<String> optional(String name) {
    Object value = values.get(full(name));
    if (value == null) {
      return Optional.empty();
    }
    String text = value instanceof JsonArray array ? String.join(",", array.getList().stream().map(String::valueOf).toList()) : value.toString();
    return text.isBlank() ? Optional.empty() : Optional.of(text.trim());
  }

  public String string(String name, String defaultValue) {
    return optional(name).orElse(defaultValue);
  }

  public String required(String name, String hint) {
    return optional(name).orElseThrow(() -> new ConfigException(full(name) + " is required: " + hint));
  }

  public int integer(String name, int defaultValue, int min, int max) {
    Optional<String> text = optional(name);
    if (text.isEmpty()) {
      return defaultValue;
    }
    try {
      int value = Integer.parseInt(text.get());
      if (value < min || value > max) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw new ConfigException(full(name) + " must be a whole number from " + min + " to " + max + ", got '" + text.get() + "'");
    }
  }

  public int port(String name, int defaultValue) {
    return integer(name, defaultValue, 0, 65535);
  }

  public boolean bool(String name, boolean defaultValue) {
    Optional<String> text = optional(name);
    if (text.isEmpty()) {
      return defaultValue;
    }
    return switch (text.get().toLowerCase()) {
      case "true", "yes", "1", "on" -> true;
      case "false", "no", "0", "off" -> false;
      default -> throw new ConfigException(full(name) + " must be true or false, got '" + text.get() + "'");
    };
  }

  /** A comma-separated list (or a JSON array in the config file); blanks are dropped. */
  public List<String> list(String name, List<String> defaultValue) {
    return optional(name)
      .map(text -> Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
      .orElse(defaultValue);
  }

  /** A secret of at least {@code minBytes} UTF-8 bytes; the value is never put in a message. */
  public String secret(String name, int minBytes) {
    String value = required(name, "set a random secret of at least " + minBytes + " bytes");
    if (value.getBytes(StandardCharsets.UTF_8).length < minBytes) {
      throw new ConfigException(full(name) + " must be at least " + minBytes + " bytes long (it is shorter)");
    }
    return value;
  }

  public static String full(String name) {
    return name.startsWith(ConfigLoader.PREFIX) ? name : ConfigLoader.PREFIX + name;
  }
}
