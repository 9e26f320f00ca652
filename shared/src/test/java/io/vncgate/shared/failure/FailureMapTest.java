package io.vncgate.shared.failure;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vncgate.shared.bus.BusFailure;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FailureMapTest {

  @ParameterizedTest
  @CsvSource({
    "400, TOKEN_INVALID", "401, TOKEN_INVALID", "403, TOKEN_FORBIDDEN", "404, DESKTOP_NOT_FOUND",
    "429, TOO_MANY", "503, SERVICE_UNAVAILABLE", "500, INTERNAL_ERROR", "418, INTERNAL_ERROR"})
  void recipientFailuresKeepTheirMeaning(int busCode, CloseCode expected) {
    Refusal refusal = FailureMap.refusal(new ReplyException(ReplyFailure.RECIPIENT_FAILURE, busCode, "token expired"));
    assertEquals(expected, refusal.code());
  }

  @Test
  void contractReasonsAreKeptButInternalDetailsAreNot() {
    assertEquals("token expired",
      FailureMap.refusal(new ReplyException(ReplyFailure.RECIPIENT_FAILURE, BusFailure.INVALID, "token expired")).reason());
    assertEquals(CloseCode.INTERNAL_ERROR.reason(),
      FailureMap.refusal(new ReplyException(ReplyFailure.RECIPIENT_FAILURE, 500, "NullPointerException at x.y")).reason());
  }

  @Test
  void missingOrSlowServicesAreUnavailable() {
    assertEquals(CloseCode.SERVICE_UNAVAILABLE, FailureMap.refusal(new ReplyException(ReplyFailure.TIMEOUT, "timeout")).code());
    assertEquals(CloseCode.SERVICE_UNAVAILABLE, FailureMap.refusal(new ReplyException(ReplyFailure.NO_HANDLERS, "none")).code());
    assertEquals(504, FailureMap.httpStatus(new ReplyException(ReplyFailure.TIMEOUT, "timeout")));
    assertEquals(503, FailureMap.httpStatus(new ReplyException(ReplyFailure.NO_HANDLERS, "none")));
    assertEquals(404, FailureMap.httpStatus(new ReplyException(ReplyFailure.RECIPIENT_FAILURE, 404, "desktop not found")));
  }

  @Test
  void ownRefusalsPassThroughAndOtherErrorsAreInternal() {
    Refusal unreachable = CloseCode.DESKTOP_UNREACHABLE.refusal();
    assertEquals(unreachable, FailureMap.refusal(new RefusalException(unreachable)));
    assertEquals(CloseCode.INTERNAL_ERROR, FailureMap.refusal(new IllegalStateException("boom")).code());
    assertEquals(500, FailureMap.httpStatus(new IllegalStateException("boom")));
  }

  @Test
  void reasonsFitInACloseFrame() {
    Refusal refusal = CloseCode.TOKEN_INVALID.refusal("é".repeat(200));
    assertEquals(true, refusal.reason().getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= Refusal.MAX_REASON_BYTES);
  }
}
