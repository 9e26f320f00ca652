package io.vncgate.registry.host;

import io.netty.util.NetUtil;
import io.vertx.core.json.JsonObject;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates host registrations ({@code PUT /api/v1/hosts/{id}}, heartbeats that re-register,
 * imports). Every problem becomes an {@link IllegalArgumentException} whose message tells the
 * operator what to send instead.
 */
public final class HostInput {

  /** Also the syntax of token {@code hostId} claims. */
  public static final Pattern ID = Pattern.compile("[A-Za-z0-9._~-]{1,128}");
  public static final Pattern POOL = Pattern.compile("[A-Za-z0-9._~-]{1,64}");
  private static final Pattern HOSTNAME = Pattern.compile(
    "(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?");
  private static final Pattern LABEL_KEY = Pattern.compile("[A-Za-z0-9._/-]{1,63}");
  private static final int MAX_LABELS = 32;
  private static final int MAX_LABEL_VALUE = 256;
  private static final int MAX_PASSWORD = 256;
  private static final Set<String> FIELDS = Set.of("host", "port", "pool", "labels", "maxSessions", "weight", "password", "ttlSeconds", "tls");

  /**
   * A validated registration, its password still in plain text (the caller encrypts it).
   */
  public record Registration(String id, String host, int port, String pool, Map<String, String> labels, int maxSessions,
                             int weight, int ttlSeconds, String password, boolean tls) {

    @Override
    public String toString() {
      return "Registration[" + id + " " + host + ":" + port + (password != null ? ", password ***" : "") + "]";
    }
  }

  private HostInput() {
  }

  public static String id(String id) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException("host id must be 1-128 letters, digits or . _ ~ -");
    }
    return id;
  }

  public static Registration parse(String id, JsonObject body) {
    for (String field : body.fieldNames()) {
      if (!FIELDS.contains(field)) {
        throw new IllegalArgumentException("unknown field '" + field + "' (allowed: " + String.join(", ", FIELDS.stream().sorted().toList()) + ")");
      }
    }
    return new Registration(id(id), host(body.getValue("host")), port(body.getValue("port")), pool(body.getValue("pool")),
      labels(body.getValue("labels")), number(body, "maxSessions", 0, 0, 100_000), number(body, "weight", 1, 1, 1000),
      number(body, "ttlSeconds", 0, 0, 30 * 24 * 3600), password(body.getValue("password")), tls(body.getValue("tls")));
  }

  private static boolean tls(Object value) {
    if (value == null || value instanceof Boolean) {
      return Boolean.TRUE.equals(value);
    }
    throw new IllegalArgumentException("'tls' must be true or false");
  }

  /** A host as websockify's token files write it: {@code host}, {@code [v6]} or a bare v6 address. */
  public static String host(Object value) {
    if (!(value instanceof String text) || text.isBlank()) {
      throw new IllegalArgumentException("'host' is required: a host name or an IP address");
    }
    String host = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
    if (NetUtil.isValidIpV4Address(host) || NetUtil.isValidIpV6Address(host) || HOSTNAME.matcher(host).matches()) {
      return host;
    }
    throw new IllegalArgumentException("'host' must be a host name or an IP address, got '" + shorten(text) + "'");
  }

  public static int port(Object value) {
    if (value instanceof Integer port && port >= 1 && port <= 65535) {
      return port;
    }
    throw new IllegalArgumentException("'port' is required: a whole number from 1 to 65535");
  }

  public static String pool(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof String pool && POOL.matcher(pool).matches()) {
      return pool;
    }
    throw new IllegalArgumentException("'pool' must be 1-64 letters, digits or . _ ~ -");
  }

  private static int number(JsonObject body, String field, int defaultValue, int min, int max) {
    Object value = body.getValue(field, defaultValue);
    if (value instanceof Integer number && number >= min && number <= max) {
      return number;
    }
    throw new IllegalArgumentException("'" + field + "' must be a whole number from " + min + " to " + max);
  }

  private static String password(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof String password && !password.isEmpty() && password.length() <= MAX_PASSWORD) {
      return password;
    }
    throw new IllegalArgumentException("'password' must be a non-empty string of at most " + MAX_PASSWORD + " characters");
  }

  private static Map<String, String> labels(Object value) {
    if (value == null) {
      return Map.of();
    }
    if (!(value instanceof JsonObject json) || json.size() > MAX_LABELS) {
      throw new IllegalArgumentException("'labels' must be an object of at most " + MAX_LABELS + " string values");
    }
    Map<String, String> labels = new LinkedHashMap<>();
    for (String key : json.fieldNames()) {
      if (!LABEL_KEY.matcher(key).matches() || !(json.getValue(key) instanceof String text) || text.length() > MAX_LABEL_VALUE) {
        throw new IllegalArgumentException("label '" + shorten(key) + "' must have a 1-63 character name and a string value of at most "
          + MAX_LABEL_VALUE + " characters");
      }
      labels.put(key, text);
    }
    return labels;
  }

  private static String shorten(String text) {
    return text.length() > 64 ? text.substring(0, 64) + "…" : text;
  }
}
