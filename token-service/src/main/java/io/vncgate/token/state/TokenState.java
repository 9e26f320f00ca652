package io.vncgate.token.state;

import io.vertx.core.Future;

/**
 * What token-service instances share about tokens, kept in Redis so every instance sees the same:
 * issued tokens (for revocation by jti), revocations, single-use consumption, issuance rates.
 */
public interface TokenState {

  /** The verdict on a token whose signature and claims are good. */
  enum Admission {
    /** Use it. */
    OK,
    /** A single-use token, now consumed. */
    FIRST_USE,
    /** A single-use token reused within the reconnect window by the same client. */
    RECONNECT,
    /** Revoked (alone, or with all tokens of its subject). */
    REVOKED,
    /** A single-use token used again outside the reconnect rules. */
    REPLAYED
  }

  /** Remembers an issued token until it expires, so it can be revoked by jti. */
  Future<Void> recordIssued(String jti, String sub, long expEpochSeconds);

  /** Revokes a live token until it would have expired; {@code false} when no such token is live. */
  Future<Boolean> revoke(String jti);

  /** Revokes every live token of {@code sub}; tokens issued afterwards are not affected. */
  Future<Void> revokeSubject(String sub);

  /** Checks revocation and, for single-use tokens, consumes them, atomically. */
  Future<Admission> admit(AdmissionRequest request);

  /** Counts one issuance by {@code keyName}; the seconds to wait when over {@code perMinute}, else 0. */
  Future<Long> throttle(String keyName, int perMinute);

  Future<Void> ping();

  /**
   * @param jti        the token
   * @param exp        when it expires (epoch seconds)
   * @param singleUse  whether it may open only one session
   * @param clientIp   who presents it
   */
  record AdmissionRequest(String jti, long exp, boolean singleUse, String clientIp) {
  }
}
