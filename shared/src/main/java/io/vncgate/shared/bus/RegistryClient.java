package io.vncgate.shared.bus;

import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;

import java.time.Duration;

/** Typed client of the registry service, with an explicit send timeout on every request. */
public final class RegistryClient {

  private final EventBus bus;
  private final DeliveryOptions options;

  public RegistryClient(EventBus bus, Duration timeout) {
    this.bus = bus;
    this.options = new DeliveryOptions().setSendTimeout(timeout.toMillis());
  }

  /** Finds where a desktop (or a host of a pool) listens. */
  public Future<Destination> resolve(ResolveRequest request) {
    return bus.<JsonObject>request(Addresses.REGISTRY_RESOLVE, request.toJson(), options)
      .map(reply -> Destination.fromJson(reply.body()));
  }
}
