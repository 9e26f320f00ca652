package io.vncgate.token.issue;

import io.vertx.core.json.JsonObject;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Body of {@code POST /api/v1/tokens}: {@code {hostId | pool, sub, ttlSeconds?, viewOnly?, singleUse?,
 * idleTimeoutSeconds?, maxSessionSeconds?}}.
 *
 * @param hostId     the registered desktop the token opens, or {@code null} when it targets a pool
 * @param pool       the pool the token opens a desktop of, or {@code null}
 * @param sub        who the token is for (user id, ticket, …), written to audit lines
 * @param ttlSeconds the token's lifetime
 * @param viewOnly   whether the gateway drops the session's keyboard and mouse input
 * @param singleUse  whether the token opens one session only
 * @param idleTimeoutSeconds no input for this long ends the session (0 = the gateway's setting)
 * @param maxSessionSeconds  the session ends after this long (0 = the gateway's setting)
 */
public record TokenRequest(String hostId, String pool, String sub, int ttlSeconds, boolean viewOnly, boolean singleUse,
                           int idleTimeoutSeconds, int maxSessionSeconds) {

  /** A request without session limits of its own. */
  public TokenRequest(String hostId, String pool, String sub, int ttlSeconds, boolean viewOnly, boolean singleUse) {
    this(hostId, pool, sub, ttlSeconds, viewOnly, singleUse, 0, 0);
  }

  /** The registry's host id syntax: letters, digits, {@code . _ ~ -}, up to 128. */
  static final Pattern HOST_ID = Pattern.compile("[A-Za-z0-9._~-]{1,128}");
  static final Pattern POOL = Pattern.compile("[A-Za-z0-9._~-]{1,64}");
  static final int MAX_SUB_LENGTH = 256;
  private static final Set<String> FIELDS = Set.of("hostId", "pool", "sub", "ttlSeconds", "viewOnly", "singleUse",
    "idleTimeoutSeconds", "maxSessionSeconds");
  private static final int MAX_LIMIT_SECONDS = 30 * 24 * 3600;

  /**
   * @throws IllegalArgumentException with a message for the operator when a field is wrong
   */
  public static TokenRequest fromJson(JsonObject body, int defaultTtl, int maxTtl) {
    for (String field : body.fieldNames()) {
      if (!FIELDS.contains(field)) {
        throw new IllegalArgumentException("unknown field '" + field + "' (allowed: " + String.join(", ", FIELDS.stream().sorted().toList()) + ")");
      }
    }
    Object hostId = body.getValue("hostId");
    Object pool = body.getValue("pool");
    if ((hostId == null) == (pool == null)) {
      throw new IllegalArgumentException("name exactly one target: 'hostId' (a registered host) or 'pool'");
    }
    if (hostId != null && !(hostId instanceof String id && HOST_ID.matcher(id).matches())) {
      throw new IllegalArgumentException("'hostId' must be a registered host id (letters, digits, . _ ~ -; up to 128)");
    }
    if (pool != null && !(pool instanceof String name && POOL.matcher(name).matches())) {
      throw new IllegalArgumentException("'pool' must be a pool name (letters, digits, . _ ~ -; up to 64)");
    }
    Object sub = body.getValue("sub");
    if (!(sub instanceof String subject) || subject.isBlank() || subject.length() > MAX_SUB_LENGTH
      || subject.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("'sub' must be a non-empty string of at most " + MAX_SUB_LENGTH + " printable characters");
    }
    Object ttl = body.getValue("ttlSeconds", defaultTtl);
    if (!(ttl instanceof Integer || ttl instanceof Long) || ((Number) ttl).longValue() < 1 || ((Number) ttl).longValue() > maxTtl) {
      throw new IllegalArgumentException("'ttlSeconds' must be a whole number from 1 to " + maxTtl + " (the configured maximum)");
    }
    return new TokenRequest((String) hostId, (String) pool, subject, ((Number) ttl).intValue(), flag(body, "viewOnly"),
      flag(body, "singleUse"), seconds(body, "idleTimeoutSeconds"), seconds(body, "maxSessionSeconds"));
  }

  private static int seconds(JsonObject body, String name) {
    Object value = body.getValue(name, 0);
    if (!(value instanceof Integer n) || n < 0 || n > MAX_LIMIT_SECONDS) {
      throw new IllegalArgumentException("'" + name + "' must be a whole number of seconds from 0 to " + MAX_LIMIT_SECONDS);
    }
    return n;
  }

  private static boolean flag(JsonObject body, String name) {
    Object value = body.getValue(name, false);
    if (!(value instanceof Boolean bool)) {
      throw new IllegalArgumentException("'" + name + "' must be true or false");
    }
    return bool;
  }
}
