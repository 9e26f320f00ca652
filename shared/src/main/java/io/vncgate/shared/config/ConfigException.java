package io.vncgate.shared.config;

/**
 * A setting is missing or has a bad value. The message always names the environment variable
 * (for example {@code VNCGATE_HTTP_PORT}) so an operator knows what to fix.
 */
public class ConfigException extends RuntimeException {

  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
