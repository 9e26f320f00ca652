package io.vncgate.gateway;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.NetClientOptions;
import io.vertx.ext.web.Router;
import io.vncgate.gateway.handshake.HandshakeHandler;
import io.vncgate.gateway.session.LiveSessions;
import io.vncgate.gateway.session.LoadReporter;
import io.vncgate.gateway.session.SessionSetup;
import io.vncgate.gateway.web.WebClientRoutes;
import io.vncgate.shared.bus.RegistryClient;
import io.vncgate.shared.bus.TokenClient;
import io.vncgate.shared.http.HealthRoutes;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One gateway event loop: the WebSocket endpoint, the noVNC web client and health routes.
 * A node runs one instance per core; Vert.x spreads connections over them.
 */
public final class GatewayVerticle extends VerticleBase {

  private final GatewayConfig config;
  private final LiveSessions live = new LiveSessions();
  private HttpServer server;
  private long reportTimer = -1;

  public GatewayVerticle(GatewayConfig config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    SessionSetup sessions = new SessionSetup(vertx, config,
      new TokenClient(vertx.eventBus(), config.busTimeout()),
      new RegistryClient(vertx.eventBus(), config.busTimeout()),
      vertx.createNetClient(new NetClientOptions()
        .setConnectTimeout((int) config.connectTimeout().toMillis())
        .setTcpNoDelay(true)),
      live);

    Router router = Router.router(vertx);
    HealthRoutes.mount(router, "gateway", () -> Future.succeededFuture());
    WebClientRoutes.mount(router, config.novncDir());

    HttpServerOptions options = new HttpServerOptions()
      .setHost(config.httpHost())
      .setPort(config.httpPort())
      .setTcpNoDelay(true)
      // Room for a token up to the configured cap in the request line, so an oversized one
      // gets a readable 4401 instead of a bare HTTP 414.
      .setMaxInitialLineLength(config.maxTokenChars() + 4096)
      .setWebSocketSubProtocols(List.of("binary"));
    Future<HttpServer> listening = vertx.createHttpServer(options)
      .webSocketHandshakeHandler(new HandshakeHandler(config, sessions))
      .requestHandler(router)
      .listen()
      .onSuccess(s -> server = s);
    String reporter = config.nodeName() + "#" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000));
    reportTimer = new LoadReporter(vertx, live, reporter, config.nodeName(), Duration.ofMillis(250)).start(config.loadReportInterval());
    return Future.all(listening, live.listen(vertx.eventBus()));
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(reportTimer);
    return Future.succeededFuture();
  }

  /** This instance's live sessions. */
  public LiveSessions sessions() {
    return live;
  }

  /** The port actually bound (tests listen on port 0). */
  public int actualPort() {
    return server.actualPort();
  }
}
