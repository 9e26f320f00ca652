package io.vncgate.gateway.session;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vncgate.gateway.GatewayConfig;
import io.vncgate.gateway.node.GatewayNode;
import io.vncgate.gateway.relay.BareDialer;
import io.vncgate.gateway.relay.Desktop;
import io.vncgate.gateway.relay.Relay;
import io.vncgate.gateway.relay.RfbAuthenticator;
import io.vncgate.gateway.relay.RfbRefusal;
import io.vncgate.gateway.relay.Traffic;
import io.vncgate.shared.bus.Addresses;
import io.vncgate.shared.bus.Destination;
import io.vncgate.shared.bus.Grant;
import io.vncgate.shared.bus.RegistryClient;
import io.vncgate.shared.bus.ResolveRequest;
import io.vncgate.shared.bus.TokenClient;
import io.vncgate.shared.bus.VerifyRequest;
import io.vncgate.shared.failure.CloseCode;
import io.vncgate.shared.failure.FailureMap;
import io.vncgate.shared.failure.Refusal;
import io.vncgate.shared.failure.RefusalException;
import io.vncgate.shared.log.Audit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Turns an accepted WebSocket into a relayed session: verify the token, resolve the desktop,
 * dial it (and log in with its stored password), relay. Any failing step becomes a refusal a
 * person can read. Each session gets an audit line when it starts and one when it ends.
 */
public final class SessionSetup {

  private static final Logger LOG = LoggerFactory.getLogger(SessionSetup.class);

  /**
   * How to reach desktops: plain TCP through Vert.x, TLS for hosts registered with {@code tls},
   * and bare channels for plain sessions the fast path relays from the first byte.
   */
  public record Dialers(NetClient plain, NetClient tls, BareDialer bare) {
  }

  private final Vertx vertx;
  private final GatewayConfig config;
  private final TokenClient tokens;
  private final RegistryClient registry;
  private final Dialers dialers;
  private final LiveSessions live;
  private final GatewayNode node;

  public SessionSetup(Vertx vertx, GatewayConfig config, TokenClient tokens, RegistryClient registry, Dialers dialers,
                      LiveSessions live, GatewayNode node) {
    this.vertx = vertx;
    this.config = config;
    this.tokens = tokens;
    this.registry = registry;
    this.dialers = dialers;
    this.live = live;
    this.node = node;
  }

  /** Refuses an accepted, paused WebSocket before anything was looked up. */
  public void refuse(ServerWebSocket ws, String clientIp, Refusal refusal) {
    LOG.info("refused session from {}: {} {}", clientIp, refusal.code().code(), refusal.reason());
    refused(null, clientIp, refusal);
    RfbRefusal.send(vertx, ws, refusal, config.refusalWait());
  }

  /** Sets up and relays a session for an accepted, paused WebSocket already admitted by the node. */
  public void open(ServerWebSocket ws, String token, String clientIp) {
    String sessionId = Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
    long started = System.nanoTime();
    long[] mark = {started};
    tokens.verify(new VerifyRequest(token, clientIp, config.nodeName()))
      .onComplete(ar -> mark[0] = step("verify", mark[0], Addresses.TOKEN_VERIFY, ar.cause()))
      .compose(grant -> registry.resolve(ResolveRequest.forGrant(grant, sessionId))
        .onComplete(ar -> mark[0] = step("resolve", mark[0], Addresses.REGISTRY_RESOLVE, ar.cause()))
        .compose(destination -> dial(ws, grant, destination).map(desktop -> new Opened(grant, destination, desktop, null))))
      .compose(opened -> opened.destination().credential() == null ? Future.succeededFuture(opened) : logIn(sessionId, ws, opened))
      .onComplete(ar -> {
        if (ar.succeeded()) {
          node.metrics().handshake("connect", System.nanoTime() - mark[0]);
        }
      })
      .onSuccess(opened -> relay(sessionId, ws, clientIp, opened, started))
      .onFailure(err -> {
        node.release();
        Refusal refusal = FailureMap.refusal(err);
        if (refusal.code() == CloseCode.INTERNAL_ERROR) {
          LOG.error("session {}: setup failed", sessionId, err);
        }
        refused(sessionId, clientIp, refusal);
        if (ws.isClosed()) {
          LOG.info("session {}: client left during setup ({})", sessionId, refusal.reason());
        } else if (err instanceof CloseOnly) {
          LOG.info("session {}: closed client {} in the RFB handshake: {} {}", sessionId, clientIp, refusal.code().code(),
            refusal.reason());
          RfbRefusal.close(ws, refusal);
        } else {
          LOG.info("session {}: refused client {}: {} {}", sessionId, clientIp, refusal.code().code(), refusal.reason());
          RfbRefusal.send(vertx, ws, refusal, config.refusalWait());
        }
      });
  }

  /** Times one setup step, counts its bus failure; returns the time the next step starts. */
  private long step(String name, long since, String address, Throwable failure) {
    long now = System.nanoTime();
    if (failure == null) {
      node.metrics().handshake(name, now - since);
    } else {
      node.metrics().busFailure(address, failure);
    }
    return now;
  }

  /**
   * Dials the desktop: a bare channel when the session will take the relay's fast path from the
   * first byte over plain TCP, otherwise a Vert.x socket.
   */
  private Future<Desktop> dial(ServerWebSocket ws, Grant grant, Destination destination) {
    Future<Desktop> dialled;
    if (!destination.tls() && Relay.fastPath(grant.viewOnly(), idleLimitNanos(grant) > 0, destination.credential() != null)) {
      dialled = dialers.bare().dial(ws, destination.host(), destination.port());
    } else {
      NetClient client = destination.tls() ? dialers.tls() : dialers.plain();
      dialled = client.connect(destination.port(), destination.host()).map(Desktop::of);
    }
    return dialled
      .recover(err -> {
        LOG.info("dialling {}:{} (host {}{}) failed: {}", destination.host(), destination.port(), destination.hostId(),
          destination.tls() ? ", TLS" : "", err.toString());
        return Future.failedFuture(new RefusalException(CloseCode.DESKTOP_UNREACHABLE.refusal()));
      });
  }

  /**
   * Logs in to the desktop with its stored password and greets the browser as a server that
   * needs none; bounded by the connect timeout, as neither a desktop that never answers nor a
   * browser that stops answering may hold the session open. A browser already sent the RFB
   * version gets a close frame only: 4408 when it was too slow, 4502 when it spoke no RFB.
   */
  private Future<Opened> logIn(String sessionId, ServerWebSocket ws, Opened opened) {
    return RfbAuthenticator.authenticate(vertx, ws, opened.desktop().socket(), opened.destination().credential(),
        config.connectTimeout())
      .map(leftovers -> new Opened(opened.grant(), opened.destination(), opened.desktop(), leftovers))
      .recover(err -> {
        LOG.info("session {}: logging in to host {} failed: {}", sessionId, opened.destination().hostId(), err.getMessage());
        opened.desktop().close();
        if (err instanceof RfbAuthenticator.LoginFailure failure && failure.browserGreeted()) {
          return Future.failedFuture(new CloseOnly(failure.timedOut()
            ? CloseCode.TIME_LIMIT.refusal("the RFB handshake took too long")
            : CloseCode.DESKTOP_UNREACHABLE.refusal("the RFB handshake failed")));
        }
        return Future.failedFuture(new RefusalException(CloseCode.DESKTOP_UNREACHABLE.refusal("the desktop refused the connection")));
      });
  }

  /** A refusal for a browser already past the RFB version: it can only get the close frame. */
  private static final class CloseOnly extends RefusalException {

    CloseOnly(Refusal refusal) {
      super(refusal);
    }
  }

  private void relay(String sessionId, ServerWebSocket ws, String clientIp, Opened opened, long started) {
    if (ws.isClosed()) {
      LOG.info("session {}: client left during setup", sessionId);
      node.release();
      opened.desktop().close();
      return;
    }
    long setupNanos = System.nanoTime() - started;
    node.metrics().handshake("total", setupNanos);
    Grant grant = opened.grant();
    Destination destination = opened.destination();
    LiveSession session = new LiveSession(sessionId, grant, destination.hostId(), clientIp, new Traffic(), ws,
      idleLimitNanos(grant), limit(config.limits().maxSessionLength().getSeconds(), grant.maxDuration()));
    ws.pongHandler(pong -> SessionSupervisor.alive(session));
    session.relay = Relay.start(ws, opened.desktop(), session.traffic, opened.handshake(), grant.viewOnly(),
      session.idleLimitNanos > 0 ? session::input : null, refusal -> ended(session, refusal), config.limits().maxMessageBytes());
    live.add(session);
    node.metrics().opened();
    LOG.info("session {} started: sub={} jti={} client={} host={} ({}:{}) viewOnly={} login={} setup={}µs", sessionId, grant.sub(),
      grant.jti(), clientIp, destination.hostId(), destination.host(), destination.port(), grant.viewOnly(),
      opened.handshake() != null, setupNanos / 1000);
    Audit.event("session.started", new JsonObject().put("sessionId", sessionId).put("jti", grant.jti()).put("sub", grant.sub())
      .put("clientIp", clientIp).put("hostId", destination.hostId()).put("node", config.nodeName())
      .put("viewOnly", grant.viewOnly()).put("setupMicros", setupNanos / 1000));
  }

  private void ended(LiveSession session, Refusal refusal) {
    live.remove(session.id);
    node.release();
    long millis = (System.nanoTime() - session.startedNanos) / 1_000_000;
    String code = refusal != null ? Integer.toString(refusal.code().code())
      : browserCloseCode(session.ws);
    String by = refusal != null ? "gateway" : "browser";
    node.metrics().closed(code, by);
    node.metrics().bytes(session.traffic.toDesktop() - session.flushedToDesktop, session.traffic.toBrowser() - session.flushedToBrowser);
    String reason = refusal != null ? refusal.reason() : "the browser closed the session";
    LOG.info("session {} ended after {} ms, {} bytes to the desktop, {} to the browser: {} {}", session.id, millis,
      session.traffic.toDesktop(), session.traffic.toBrowser(), code, reason);
    Audit.event("session.ended", new JsonObject().put("sessionId", session.id).put("jti", session.grant.jti())
      .put("sub", session.grant.sub()).put("clientIp", session.clientIp).put("hostId", session.hostId).put("node", config.nodeName())
      .put("bytesToDesktop", session.traffic.toDesktop()).put("bytesToBrowser", session.traffic.toBrowser())
      .put("durationMillis", millis).put("closeCode", code).put("closedBy", by)
      .put("reason", reason));
  }

  /**
   * The code of the browser's close: from its close frame, or 1006 when it went without one.
   * (Vert.x's {@code closeStatusCode()} throws until the WebSocket knows it is closed, and the
   * relay may see a vanished browser before Vert.x does.)
   */
  private static String browserCloseCode(ServerWebSocket ws) {
    return ws.isClosed() ? Short.toString(ws.closeStatusCode()) : "1006";
  }

  private void refused(String sessionId, String clientIp, Refusal refusal) {
    node.metrics().refused(refusal.code().code());
    Audit.event("session.refused", new JsonObject().put("sessionId", sessionId).put("clientIp", clientIp)
      .put("node", config.nodeName()).put("closeCode", refusal.code().code()).put("reason", refusal.reason()));
  }

  /** The session's idle limit: the node's or the token's, whichever is shorter; 0 for none. */
  private long idleLimitNanos(Grant grant) {
    return limit(config.limits().idleTimeout().getSeconds(), grant.idleTimeout());
  }

  /** The shorter of the node's and the token's limit in nanoseconds; 0 when neither sets one. */
  private static long limit(long nodeSeconds, int tokenSeconds) {
    long seconds = nodeSeconds == 0 ? tokenSeconds : tokenSeconds == 0 ? nodeSeconds : Math.min(nodeSeconds, tokenSeconds);
    return seconds * 1_000_000_000L;
  }

  private record Opened(Grant grant, Destination destination, Desktop desktop, RfbAuthenticator.Leftovers handshake) {
  }
}
