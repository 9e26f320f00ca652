package io.vncgate.shared.bus;

import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;

import java.time.Duration;

/**
 * Typed client of the token service. Every request carries an explicit send timeout; failures
 * arrive as {@link io.vertx.core.eventbus.ReplyException}s and are turned into refusals or
 * statuses by {@link io.vncgate.shared.failure.FailureMap}.
 */
public final class TokenClient {

  private final EventBus bus;
  private final DeliveryOptions options;

  public TokenClient(EventBus bus, Duration timeout) {
    this.bus = bus;
    this.options = new DeliveryOptions().setSendTimeout(timeout.toMillis());
  }

  /** Revokes a token by its id; {@code true} when it was live. */
  public Future<Boolean> revoke(String jti, String reason) {
    return bus.<JsonObject>request(Addresses.TOKEN_REVOKE, new JsonObject().put("jti", jti).put("reason", reason), options)
      .map(reply -> reply.body().getBoolean("revoked", false));
  }

  /** Checks a token and returns what it grants. */
  public Future<Grant> verify(VerifyRequest request) {
    return bus.<JsonObject>request(Addresses.TOKEN_VERIFY, request.toJson(), options)
      .map(reply -> Grant.fromJson(reply.body()));
  }
}
