package io.vncgate.registry.resolve;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vncgate.registry.host.HostInput;
import io.vncgate.registry.store.HostStore;
import io.vncgate.shared.bus.Addresses;
import io.vncgate.shared.bus.BusFailure;
import io.vncgate.shared.bus.Destination;
import io.vncgate.shared.bus.ResolveRequest;
import io.vncgate.shared.failure.CloseCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Answers {@link Addresses#REGISTRY_RESOLVE}: the address of a registered host, or 404. */
public final class ResolveConsumer {

  private static final Logger LOG = LoggerFactory.getLogger(ResolveConsumer.class);

  private final HostStore store;

  public ResolveConsumer(HostStore store) {
    this.store = store;
  }

  public Future<Void> register(EventBus bus) {
    return bus.<JsonObject>consumer(Addresses.REGISTRY_RESOLVE, this::handle).completion();
  }

  private void handle(Message<JsonObject> message) {
    ResolveRequest request;
    try {
      request = ResolveRequest.fromJson(message.body());
    } catch (IllegalArgumentException | ClassCastException e) {
      message.fail(BusFailure.MALFORMED, "malformed resolve request");
      return;
    }
    // Pools arrive with the pool scheduler; until then a pool target is not a desktop we know.
    if (request.hostId() == null || !HostInput.ID.matcher(request.hostId()).matches()) {
      message.fail(BusFailure.NOT_FOUND, CloseCode.DESKTOP_NOT_FOUND.reason());
      return;
    }
    store.get(request.hostId())
      .onSuccess(host -> {
        if (host == null) {
          LOG.info("session {}: host {} is not registered", request.sessionId(), request.hostId());
          message.fail(BusFailure.NOT_FOUND, CloseCode.DESKTOP_NOT_FOUND.reason());
        } else {
          message.reply(new Destination(host.id(), host.host(), host.port(), null).toJson());
        }
      })
      .onFailure(err -> {
        LOG.warn("session {}: resolving host {} failed: {}", request.sessionId(), request.hostId(), err.getMessage());
        message.fail(BusFailure.UNAVAILABLE, CloseCode.SERVICE_UNAVAILABLE.reason());
      });
  }
}
