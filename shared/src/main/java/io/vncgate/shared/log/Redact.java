package io.vncgate.shared.log;

/** Masks secrets before they reach a log line. */
public final class Redact {

  private Redact() {
  }

  /** The first six characters of a token and an ellipsis: enough to correlate, useless to replay. */
  public static String token(String token) {
    if (token == null || token.isEmpty()) {
      return "<none>";
    }
    return token.length() <= 6 ? "…" : token.substring(0, 6) + "…";
  }
}
