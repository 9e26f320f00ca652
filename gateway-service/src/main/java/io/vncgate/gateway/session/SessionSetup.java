package io.vncgate.gateway.session;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import io.vncgate.gateway.GatewayConfig;
import io.vncgate.gateway.relay.Relay;
import io.vncgate.gateway.relay.RfbAuthenticator;
import io.vncgate.gateway.relay.RfbRefusal;
import io.vncgate.gateway.relay.Traffic;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Turns an accepted WebSocket into a relayed session: verify the token, resolve the desktop,
 * dial it, relay. Any failing step becomes a refusal a person can read.
 */
public final class SessionSetup {

  private static final Logger LOG = LoggerFactory.getLogger(SessionSetup.class);

  private final Vertx vertx;
  private final GatewayConfig config;
  private final TokenClient tokens;
  private final RegistryClient registry;
  private final NetClient dialer;
  private final LiveSessions live;

  public SessionSetup(Vertx vertx, GatewayConfig config, TokenClient tokens, RegistryClient registry, NetClient dialer,
                      LiveSessions live) {
    this.vertx = vertx;
    this.config = config;
    this.tokens = tokens;
    this.registry = registry;
    this.dialer = dialer;
    this.live = live;
  }

  /** Refuses an accepted, paused WebSocket. */
  public void refuse(ServerWebSocket ws, String clientIp, Refusal refusal) {
    LOG.info("refused session from {}: {} {}", clientIp, refusal.code().code(), refusal.reason());
    RfbRefusal.send(vertx, ws, refusal, config.refusalWait());
  }

  /** Sets up and relays a session for an accepted, paused WebSocket. */
  public void open(ServerWebSocket ws, String token, String clientIp) {
    String sessionId = Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
    long started = System.nanoTime();
    tokens.verify(new VerifyRequest(token, clientIp, config.nodeName()))
      .compose(grant -> registry.resolve(ResolveRequest.forGrant(grant, sessionId))
        .compose(destination -> dial(destination).map(socket -> new Opened(grant, destination, socket, null))))
      .compose(opened -> opened.destination().credential() == null ? Future.succeededFuture(opened) : logIn(sessionId, ws, opened))
      .onSuccess(opened -> relay(sessionId, ws, clientIp, opened, started))
      .onFailure(err -> {
        Refusal refusal = FailureMap.refusal(err);
        if (refusal.code() == CloseCode.INTERNAL_ERROR) {
          LOG.error("session {}: setup failed", sessionId, err);
        }
        if (ws.isClosed()) {
          LOG.info("session {}: client left during setup ({})", sessionId, refusal.reason());
        } else {
          LOG.info("session {}: refused client {}: {} {}", sessionId, clientIp, refusal.code().code(), refusal.reason());
          RfbRefusal.send(vertx, ws, refusal, config.refusalWait());
        }
      });
  }

  private Future<NetSocket> dial(Destination destination) {
    return dialer.connect(destination.port(), destination.host())
      .recover(err -> {
        LOG.info("dialling {}:{} (host {}) failed: {}", destination.host(), destination.port(), destination.hostId(), err.toString());
        return Future.failedFuture(new RefusalException(CloseCode.DESKTOP_UNREACHABLE.refusal()));
      });
  }

  /**
   * Logs in to the desktop with its stored password and greets the browser as a server that
   * needs none; bounded by the connect timeout, as a desktop that never answers must not hold
   * the session open.
   */
  private Future<Opened> logIn(String sessionId, ServerWebSocket ws, Opened opened) {
    long timer = vertx.setTimer(config.connectTimeout().toMillis(), t -> opened.socket().close());
    return RfbAuthenticator.authenticate(ws, opened.socket(), opened.destination().credential())
      .map(leftovers -> new Opened(opened.grant(), opened.destination(), opened.socket(), leftovers))
      .recover(err -> {
        LOG.info("session {}: logging in to host {} failed: {}", sessionId, opened.destination().hostId(), err.getMessage());
        opened.socket().close();
        return Future.failedFuture(new RefusalException(CloseCode.DESKTOP_UNREACHABLE.refusal("the desktop refused the connection")));
      })
      .onComplete(ar -> vertx.cancelTimer(timer));
  }

  private void relay(String sessionId, ServerWebSocket ws, String clientIp, Opened opened, long started) {
    if (ws.isClosed()) {
      LOG.info("session {}: client left during setup", sessionId);
      opened.socket().close();
      return;
    }
    long setupMicros = (System.nanoTime() - started) / 1000;
    long startedAt = System.currentTimeMillis();
    Grant grant = opened.grant();
    Destination destination = opened.destination();
    LOG.info("session {} started: sub={} jti={} client={} host={} ({}:{}) viewOnly={} login={} setup={}µs", sessionId, grant.sub(),
      grant.jti(), clientIp, destination.hostId(), destination.host(), destination.port(), grant.viewOnly(),
      opened.handshake() != null, setupMicros);
    Traffic traffic = new Traffic();
    Relay relay = Relay.start(ws, opened.socket(), traffic, grant.viewOnly(), opened.handshake(), refusal -> {
      live.remove(sessionId);
      LOG.info("session {} ended after {} ms, {} bytes to the desktop, {} to the browser: {}", sessionId,
        System.currentTimeMillis() - startedAt, traffic.toDesktop(), traffic.toBrowser(),
        refusal == null ? "the browser left" : refusal.code().code() + " " + refusal.reason());
    });
    live.add(new LiveSessions.LiveSession(sessionId, grant, destination.hostId(), clientIp, startedAt, traffic, relay));
  }

  private record Opened(Grant grant, Destination destination, NetSocket socket, RfbAuthenticator.Leftovers handshake) {
  }
}
