package io.vncgate.shared.bus;

/**
 * Failure codes carried by {@code Message.fail(code, reason)} on the request addresses. They
 * follow HTTP status numbers so REST callers can pass them on unchanged.
 *
 * <p>The reason of a 401/403/404/429 failure is shown to the person at the browser, so it must
 * stay short and must never say which check failed beyond what that person may know.
 */
public final class BusFailure {

  public static final int MALFORMED = 400;
  public static final int INVALID = 401;
  public static final int FORBIDDEN = 403;
  public static final int NOT_FOUND = 404;
  public static final int FULL = 429;
  public static final int INTERNAL = 500;
  public static final int UNAVAILABLE = 503;

  private BusFailure() {
  }
}
