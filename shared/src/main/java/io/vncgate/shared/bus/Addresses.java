package io.vncgate.shared.bus;

/**
 * Event-bus addresses shared by all services. Bodies are JSON objects produced by the records
 * in this package; see {@code docs/architecture.md} for the full contract table.
 */
public final class Addresses {

  /** Request → {@link Grant}; token-service answers. Fails with 400, 401 or 403. */
  public static final String TOKEN_VERIFY = "vncgate.token.verify";

  /** Publish {@code {jti | sub, reason}}: every gateway closes the sessions holding that token. */
  public static final String TOKEN_REVOKED = "vncgate.token.revoked";

  /** Request {@code {jti, reason}} → {@code {revoked}}; token-service revokes a token (as REST DELETE does). */
  public static final String TOKEN_REVOKE = "vncgate.token.revoke";

  /** Request → {@link Destination}; registry-service answers. Fails with 404, 429 or 503. */
  public static final String REGISTRY_RESOLVE = "vncgate.registry.resolve";

  /** Publish {@link LoadReport}: each gateway event loop's periodic report of its live sessions. */
  public static final String REGISTRY_LOAD = "vncgate.registry.load";

  /** Publish {@code {sessionId | jti | sub | hostId, reason}}: the owning gateway closes with 4409. */
  public static final String SESSION_KILL = "vncgate.session.kill";

  private Addresses() {
  }
}
