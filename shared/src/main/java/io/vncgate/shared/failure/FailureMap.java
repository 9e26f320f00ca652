package io.vncgate.shared.failure;

import io.vertx.core.eventbus.ReplyException;
import io.vncgate.shared.bus.BusFailure;

/**
 * The one place that turns failures into what callers send: a WebSocket {@link Refusal} for the
 * gateway, an HTTP status for REST handlers.
 *
 * <ul>
 *   <li>bus timeout → 4503 / 504; no handlers → 4503 / 503;</li>
 *   <li>recipient failure → its code (401 → 4401, 403 → 4403, 404 → 4404, 429 → 4429,
 *       503 → 4503), keeping the recipient's reason, which the contract makes safe to show;</li>
 *   <li>a {@link RefusalException} (the gateway's own checks, a failed dial) → its refusal;
 *       anything else → 1011.</li>
 * </ul>
 */
public final class FailureMap {

  private FailureMap() {
  }

  /** The refusal a gateway sends for a failed verify, resolve or dial step. */
  public static Refusal refusal(Throwable failure) {
    if (failure instanceof RefusalException refused) {
      return refused.refusal();
    }
    if (failure instanceof ReplyException reply) {
      return switch (reply.failureType()) {
        case TIMEOUT, NO_HANDLERS -> CloseCode.SERVICE_UNAVAILABLE.refusal();
        case RECIPIENT_FAILURE, ERROR -> recipientRefusal(reply.failureCode(), reply.getMessage());
      };
    }
    return CloseCode.INTERNAL_ERROR.refusal();
  }

  /** The HTTP status a REST handler answers for a failed bus request. */
  public static int httpStatus(Throwable failure) {
    if (failure instanceof ReplyException reply) {
      return switch (reply.failureType()) {
        case TIMEOUT -> 504;
        case NO_HANDLERS -> 503;
        case RECIPIENT_FAILURE, ERROR -> reply.failureCode() >= 400 && reply.failureCode() < 600 ? reply.failureCode() : 500;
      };
    }
    return 500;
  }

  private static Refusal recipientRefusal(int code, String message) {
    CloseCode closeCode = switch (code) {
      case BusFailure.MALFORMED, BusFailure.INVALID -> CloseCode.TOKEN_INVALID;
      case BusFailure.FORBIDDEN -> CloseCode.TOKEN_FORBIDDEN;
      case BusFailure.NOT_FOUND -> CloseCode.DESKTOP_NOT_FOUND;
      case BusFailure.FULL -> CloseCode.TOO_MANY;
      case BusFailure.UNAVAILABLE -> CloseCode.SERVICE_UNAVAILABLE;
      default -> CloseCode.INTERNAL_ERROR;
    };
    // An internal error's message may carry details; only contract codes keep their reason.
    return closeCode == CloseCode.INTERNAL_ERROR ? closeCode.refusal() : closeCode.refusal(message);
  }
}
