package io.vncgate.shared.failure;

/**
 * WebSocket close codes the gateway sends, each with the short reason a person reads in noVNC.
 * The table in {@code docs/architecture.md} ("Refusals a person can read") is the source.
 */
public enum CloseCode {

  DESKTOP_ENDED(1000, "the desktop ended the session"),
  GOING_AWAY(1001, "this gateway is shutting down"),
  ORIGIN_NOT_ALLOWED(1008, "origin not allowed"),
  MESSAGE_TOO_BIG(1009, "message too large"),
  INTERNAL_ERROR(1011, "internal error"),
  TOKEN_MISSING(4001, "token missing"),
  TOKEN_INVALID(4401, "token invalid or expired"),
  TOKEN_FORBIDDEN(4403, "token revoked, already used, or not allowed here"),
  DESKTOP_NOT_FOUND(4404, "desktop not found"),
  TIME_LIMIT(4408, "session time limit reached"),
  KILLED(4409, "session ended by an administrator"),
  TOO_MANY(4429, "too many sessions"),
  DESKTOP_UNREACHABLE(4502, "desktop unreachable"),
  SERVICE_UNAVAILABLE(4503, "service unavailable, try again shortly");

  private final int code;
  private final String reason;

  CloseCode(int code, String reason) {
    this.code = code;
    this.reason = reason;
  }

  /** The numeric WebSocket close code. */
  public int code() {
    return code;
  }

  /** The default reason shown to the person at the browser. */
  public String reason() {
    return reason;
  }

  /** This code with its default reason. */
  public Refusal refusal() {
    return new Refusal(this, reason);
  }

  /** This code with a more precise reason (which must be as safe to show as the default). */
  public Refusal refusal(String reason) {
    return new Refusal(this, reason);
  }
}
