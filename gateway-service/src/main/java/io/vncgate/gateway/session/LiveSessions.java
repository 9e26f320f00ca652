package io.vncgate.gateway.session;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import io.vncgate.shared.bus.Addresses;
import io.vncgate.shared.bus.Revocation;
import io.vncgate.shared.bus.SessionInfo;
import io.vncgate.shared.bus.SessionKill;
import io.vncgate.shared.failure.CloseCode;
import io.vncgate.shared.failure.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The sessions one gateway event loop is relaying. Each verticle instance has its own, touched
 * only from its event loop, and listens for revocations and kills itself: a published message
 * reaches every instance of every gateway node, and each closes its own matching sessions.
 */
public final class LiveSessions {

  private static final Logger LOG = LoggerFactory.getLogger(LiveSessions.class);

  private final Map<String, LiveSession> sessions = new LinkedHashMap<>();
  private Runnable onChange = () -> { };

  /** Called after every session that starts or ends (the load reporter hooks in here). */
  void onChange(Runnable listener) {
    this.onChange = listener;
  }

  void add(LiveSession session) {
    sessions.put(session.id, session);
    onChange.run();
  }

  void remove(String id) {
    if (sessions.remove(id) != null) {
      onChange.run();
    }
  }

  public int size() {
    return sessions.size();
  }

  Collection<LiveSession> all() {
    return Collections.unmodifiableCollection(sessions.values());
  }

  /** What each live session is, for the load report. */
  public List<SessionInfo> snapshot() {
    return sessions.values().stream().map(LiveSession::info).toList();
  }

  /** Ends every session that matches, telling the browser why; returns how many. */
  public int close(Predicate<LiveSession> matching, Refusal refusal) {
    List<LiveSession> doomed = new ArrayList<>(sessions.values().stream().filter(matching).toList());
    doomed.forEach(session -> session.relay.end(refusal));
    return doomed.size();
  }

  /** Closes the sessions of revoked tokens (4403) and killed sessions (4409) as soon as told. */
  public Future<Void> listen(EventBus bus) {
    Future<Void> revocations = bus.<JsonObject>consumer(Addresses.TOKEN_REVOKED, message -> {
      try {
        Revocation revocation = Revocation.fromJson(message.body());
        report(close(s -> revocation.matches(s.grant), CloseCode.TOKEN_FORBIDDEN.refusal("token revoked")), revocation.reason());
      } catch (IllegalArgumentException e) {
        LOG.warn("ignored a malformed revocation: {}", e.getMessage());
      }
    }).completion();
    Future<Void> kills = bus.<JsonObject>consumer(Addresses.SESSION_KILL, message -> {
      try {
        SessionKill kill = SessionKill.fromJson(message.body());
        report(close(s -> kill.matches(s.id, s.grant, s.hostId), CloseCode.KILLED.refusal()), kill.reason());
      } catch (IllegalArgumentException e) {
        LOG.warn("ignored a malformed kill: {}", e.getMessage());
      }
    }).completion();
    return Future.all(revocations, kills).mapEmpty();
  }

  private static void report(int closed, String reason) {
    if (closed > 0) {
      LOG.info("closed {} session(s): {}", closed, reason);
    }
  }
}
