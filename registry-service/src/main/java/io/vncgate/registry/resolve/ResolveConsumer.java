package io.vncgate.registry.resolve;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vncgate.registry.credential.CredentialCipher;
import io.vncgate.registry.host.HostInput;
import io.vncgate.registry.store.RedisAssignments;
import io.vncgate.registry.store.RedisAssignments.Assignment;
import io.vncgate.registry.store.RedisAssignments.NoDesktop;
import io.vncgate.shared.bus.Addresses;
import io.vncgate.shared.bus.BusFailure;
import io.vncgate.shared.bus.Destination;
import io.vncgate.shared.bus.ResolveRequest;
import io.vncgate.shared.failure.CloseCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers {@link Addresses#REGISTRY_RESOLVE}: the host for a session (one host, or the best of a
 * pool), with its VNC password decrypted for the gateway only; or 404 (unknown), 429 (full),
 * 503 (no healthy host, or Redis away).
 */
public final class ResolveConsumer {

  private static final Logger LOG = LoggerFactory.getLogger(ResolveConsumer.class);

  private final RedisAssignments assignments;
  private final CredentialCipher cipher;
  private final MeterRegistry metrics;

  /** @param cipher decrypts stored passwords; {@code null} when no credential key is configured */
  public ResolveConsumer(RedisAssignments assignments, CredentialCipher cipher, MeterRegistry metrics) {
    this.assignments = assignments;
    this.cipher = cipher;
    this.metrics = metrics;
  }

  private void count(int code) {
    metrics.counter("vncgate_resolves", "result", code == 0 ? "ok" : Integer.toString(code)).increment();
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
    boolean validTarget = request.hostId() != null ? HostInput.ID.matcher(request.hostId()).matches()
      : HostInput.POOL.matcher(request.pool()).matches();
    if (!validTarget || request.sessionId() == null) {
      message.fail(BusFailure.NOT_FOUND, CloseCode.DESKTOP_NOT_FOUND.reason());
      return;
    }
    assignments.assign(request.hostId(), request.pool(), request.sub(), request.sessionId())
      .onSuccess(assignment -> reply(message, request, assignment))
      .onFailure(err -> {
        count(err instanceof NoDesktop none ? none.code() : BusFailure.UNAVAILABLE);
        if (err instanceof NoDesktop none) {
          LOG.info("session {}: no desktop for {}: {}", request.sessionId(), target(request), none.code());
          message.fail(none.code(), none.userLimit() ? "too many sessions for this user" : switch (none.code()) {
            case BusFailure.NOT_FOUND -> CloseCode.DESKTOP_NOT_FOUND.reason();
            case BusFailure.FULL -> request.pool() != null ? "all desktops are busy, try again later" : "this desktop has no free place";
            default -> "no desktop is available right now";
          });
        } else {
          LOG.warn("session {}: resolving {} failed: {}", request.sessionId(), target(request), err.getMessage());
          message.fail(BusFailure.UNAVAILABLE, CloseCode.SERVICE_UNAVAILABLE.reason());
        }
      });
  }

  private void reply(Message<JsonObject> message, ResolveRequest request, Assignment assignment) {
    String password = null;
    if (assignment.credential() != null) {
      try {
        if (cipher == null) {
          throw new IllegalArgumentException("no VNCGATE_CREDENTIAL_KEY");
        }
        password = cipher.decrypt(assignment.hostId(), assignment.credential());
      } catch (IllegalArgumentException e) {
        LOG.error("session {}: the password of host {} cannot be decrypted ({}); check VNCGATE_CREDENTIAL_KEY",
          request.sessionId(), assignment.hostId(), e.getMessage());
        message.fail(BusFailure.UNAVAILABLE, "no desktop is available right now");
        return;
      }
    }
    count(0);
    message.reply(new Destination(assignment.hostId(), assignment.host(), assignment.port(), password, assignment.tls()).toJson());
  }

  private static String target(ResolveRequest request) {
    return request.hostId() != null ? "host " + request.hostId() : "pool " + request.pool();
  }
}
