package io.vncgate.token.verify;

import io.vncgate.shared.bus.BusFailure;

/**
 * A token was refused. {@code reason} goes back to the browser (through the gateway) and so says
 * only "expired" or "invalid"; {@code detail} says which check failed and is only logged.
 */
public final class Rejection extends RuntimeException {

  static final String EXPIRED = "token expired";
  static final String INVALID = "token invalid or expired";
  static final String FORBIDDEN = "token revoked or already used";

  private final int code;
  private final String detail;

  private Rejection(int code, String reason, String detail) {
    super(reason, null, false, false);
    this.code = code;
    this.detail = detail;
  }

  static Rejection invalid(String detail) {
    return new Rejection(BusFailure.INVALID, INVALID, detail);
  }

  static Rejection forbidden(String detail) {
    return new Rejection(BusFailure.FORBIDDEN, FORBIDDEN, detail);
  }

  static Rejection expired(String detail) {
    return new Rejection(BusFailure.INVALID, EXPIRED, detail);
  }

  /** The bus failure code ({@link BusFailure}). */
  public int code() {
    return code;
  }

  /** Which check failed, for the log only. */
  public String detail() {
    return detail;
  }
}
