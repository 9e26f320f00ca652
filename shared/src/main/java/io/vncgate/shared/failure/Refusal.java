package io.vncgate.shared.failure;

import java.nio.charset.StandardCharsets;

/**
 * Why a session is refused or ended: the close code and the reason a person reads.
 *
 * @param code   the WebSocket close code
 * @param reason short text for the browser; capped to fit a WebSocket close frame
 */
public record Refusal(CloseCode code, String reason) {

  /** A close frame carries at most 123 bytes of reason. */
  public static final int MAX_REASON_BYTES = 123;

  public Refusal {
    if (reason == null || reason.isBlank()) {
      reason = code.reason();
    }
    reason = truncate(reason);
  }

  private static String truncate(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= MAX_REASON_BYTES) {
      return text;
    }
    int end = text.length();
    while (text.substring(0, end).getBytes(StandardCharsets.UTF_8).length > MAX_REASON_BYTES) {
      end--;
    }
    return text.substring(0, end);
  }
}
