package io.vncgate.gateway.session;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import io.vncgate.gateway.relay.Relay;
import io.vncgate.shared.bus.Addresses;
import io.vncgate.shared.bus.Grant;
import io.vncgate.shared.bus.Revocation;
import io.vncgate.shared.failure.CloseCode;
import io.vncgate.shared.failure.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The sessions one gateway event loop is relaying. Each verticle instance has its own, touched
 * only from its event loop, and listens for revocations itself: a published revocation reaches
 * every instance of every gateway node, and each closes its own matching sessions.
 */
public final class LiveSessions {

  private static final Logger LOG = LoggerFactory.getLogger(LiveSessions.class);

  /** A relayed session: who holds it and how to end it. */
  public record LiveSession(String id, Grant grant, Relay relay) {
  }

  private final Map<String, LiveSession> sessions = new HashMap<>();

  void add(LiveSession session) {
    sessions.put(session.id(), session);
  }

  void remove(String id) {
    sessions.remove(id);
  }

  public int size() {
    return sessions.size();
  }

  /** Ends every session whose grant matches, telling the browser why; returns how many. */
  public int close(Predicate<Grant> matching, Refusal refusal) {
    List<LiveSession> doomed = new ArrayList<>();
    sessions.values().stream().filter(s -> matching.test(s.grant())).forEach(doomed::add);
    doomed.forEach(session -> session.relay().end(refusal));
    return doomed.size();
  }

  /** Closes the sessions of revoked tokens with 4403 as soon as a revocation is published. */
  public Future<Void> listenForRevocations(EventBus bus) {
    return bus.<JsonObject>consumer(Addresses.TOKEN_REVOKED, message -> {
      Revocation revocation;
      try {
        revocation = Revocation.fromJson(message.body());
      } catch (IllegalArgumentException e) {
        LOG.warn("ignored a malformed revocation: {}", e.getMessage());
        return;
      }
      int closed = close(revocation::matches, CloseCode.TOKEN_FORBIDDEN.refusal("token revoked"));
      if (closed > 0) {
        LOG.info("closed {} session(s): {}", closed, revocation.reason());
      }
    }).completion();
  }
}
