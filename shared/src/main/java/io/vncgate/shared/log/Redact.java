package io.vncgate.shared.log;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Masks secrets before they reach a log line. */
public final class Redact {

  /** A {@code token=} query parameter, as in a WebSocket URL. */
  private static final Pattern TOKEN_PARAM = Pattern.compile("(token(?:=|%3D))([^&\\s\"'<>]+)", Pattern.CASE_INSENSITIVE);
  /** A compact JWS/JWT anywhere in a text: base64url header starting with {"… , payload, signature. */
  private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

  private Redact() {
  }

  /** The first six characters of a token and an ellipsis: enough to correlate, useless to replay. */
  public static String token(String token) {
    if (token == null || token.isEmpty()) {
      return "<none>";
    }
    return token.length() <= 6 ? "…" : token.substring(0, 6) + "…";
  }

  /**
   * Masks every token found in free text (log messages, exception messages that quote a URL):
   * {@code token=} parameters and anything shaped like a JWT.
   */
  public static String inText(String text) {
    if (text == null || (text.indexOf("eyJ") < 0 && !text.toLowerCase().contains("token"))) {
      return text;
    }
    String masked = replace(JWT.matcher(text), m -> token(m.group()));
    return replace(TOKEN_PARAM.matcher(masked), m -> m.group(1) + token(m.group(2)));
  }

  private static String replace(Matcher matcher, java.util.function.Function<Matcher, String> replacement) {
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      matcher.appendReplacement(out, Matcher.quoteReplacement(replacement.apply(matcher)));
    }
    matcher.appendTail(out);
    return out.toString();
  }
}
