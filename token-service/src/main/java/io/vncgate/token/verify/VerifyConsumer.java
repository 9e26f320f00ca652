package io.vncgate.token.verify;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vncgate.shared.bus.Addresses;
import io.vncgate.shared.bus.BusFailure;
import io.vncgate.shared.bus.VerifyRequest;
import io.vncgate.shared.failure.CloseCode;
import io.vncgate.shared.log.Redact;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Answers {@link Addresses#TOKEN_VERIFY}: a grant, or 400/401 with a reason safe for the browser. */
public final class VerifyConsumer {

  private static final Logger LOG = LoggerFactory.getLogger(VerifyConsumer.class);

  private final TokenVerifier verifier;
  private final MeterRegistry metrics;

  public VerifyConsumer(TokenVerifier verifier, MeterRegistry metrics) {
    this.verifier = verifier;
    this.metrics = metrics;
  }

  private void count(String result) {
    metrics.counter("vncgate_token_verifications", "result", result).increment();
  }

  /** Registers the consumer; the future completes once the registration reached the cluster. */
  public Future<Void> register(EventBus bus) {
    MessageConsumer<JsonObject> consumer = bus.consumer(Addresses.TOKEN_VERIFY, this::handle);
    return consumer.completion();
  }

  private void handle(Message<JsonObject> message) {
    VerifyRequest request;
    try {
      request = VerifyRequest.fromJson(message.body());
    } catch (IllegalArgumentException | ClassCastException e) {
      message.fail(BusFailure.MALFORMED, Rejection.INVALID);
      return;
    }
    verifier.verify(request.token(), request.clientIp())
      .onSuccess(grant -> {
        count("ok");
        message.reply(grant.toJson());
      })
      .onFailure(err -> {
        if (err instanceof Rejection rejection) {
          LOG.info("refused token {} from {} via {}: {}", Redact.token(request.token()), request.clientIp(),
            request.node(), rejection.detail());
          count(rejection.code() == BusFailure.FORBIDDEN ? "forbidden" : "invalid");
          message.fail(rejection.code(), rejection.getMessage());
        } else {
          // Redis is the only other step that can fail: fail closed, and say "try again".
          LOG.error("verifying token {} failed: {}", Redact.token(request.token()), err.toString());
          count("unavailable");
          message.fail(BusFailure.UNAVAILABLE, CloseCode.SERVICE_UNAVAILABLE.reason());
        }
      });
  }
}
