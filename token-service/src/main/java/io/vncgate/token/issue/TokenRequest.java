package io.vncgate.token.issue;

import io.vertx.core.json.JsonObject;

import java.util.regex.Pattern;

/**
 * Body of {@code POST /api/v1/tokens}: {@code {hostId, sub, ttlSeconds?}}.
 *
 * @param hostId     the registered desktop the token opens
 * @param sub        who the token is for (user id, ticket, …), written to audit lines
 * @param ttlSeconds the token's lifetime
 */
public record TokenRequest(String hostId, String sub, int ttlSeconds) {

  /** The registry's host id syntax: letters, digits, {@code . _ ~ -}, up to 128. */
  static final Pattern HOST_ID = Pattern.compile("[A-Za-z0-9._~-]{1,128}");
  static final int MAX_SUB_LENGTH = 256;

  /**
   * @throws IllegalArgumentException with a message for the operator when a field is wrong
   */
  public static TokenRequest fromJson(JsonObject body, int defaultTtl, int maxTtl) {
    Object hostId = body.getValue("hostId");
    if (!(hostId instanceof String id) || !HOST_ID.matcher(id).matches()) {
      throw new IllegalArgumentException("'hostId' must be a registered host id (letters, digits, . _ ~ -; up to 128)");
    }
    Object sub = body.getValue("sub");
    if (!(sub instanceof String subject) || subject.isBlank() || subject.length() > MAX_SUB_LENGTH
      || subject.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("'sub' must be a non-empty string of at most " + MAX_SUB_LENGTH + " printable characters");
    }
    Object ttl = body.getValue("ttlSeconds", defaultTtl);
    if (!(ttl instanceof Integer || ttl instanceof Long) || ((Number) ttl).longValue() < 1 || ((Number) ttl).longValue() > maxTtl) {
      throw new IllegalArgumentException("'ttlSeconds' must be a whole number from 1 to " + maxTtl);
    }
    return new TokenRequest(id, subject, ((Number) ttl).intValue());
  }
}
