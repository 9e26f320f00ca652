package io.vncgate.gateway;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.Router;
import io.vncgate.gateway.handshake.Deadlines;
import io.vncgate.gateway.handshake.HandshakeHandler;
import io.vncgate.gateway.node.GatewayNode;
import io.vncgate.gateway.relay.BareDialer;
import io.vncgate.gateway.relay.RelayReads;
import io.vncgate.gateway.session.LiveSessions;
import io.vncgate.gateway.session.LoadReporter;
import io.vncgate.gateway.session.SessionSetup;
import io.vncgate.gateway.session.SessionSupervisor;
import io.vncgate.gateway.web.AdminRoutes;
import io.vncgate.gateway.web.TlsReloader;
import io.vncgate.gateway.web.WebClientRoutes;
import io.vncgate.shared.bus.RegistryClient;
import io.vncgate.shared.bus.TokenClient;
import io.vncgate.shared.http.HealthRoutes;
import io.vncgate.shared.metrics.Metrics;
import io.vncgate.shared.net.VncDial;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One gateway event loop: the WebSocket endpoint, its live sessions, the noVNC web client,
 * health, metrics and admin routes. A node runs one instance per core; Vert.x spreads
 * connections over them. What the instances share lives in {@link GatewayNode}.
 */
public final class GatewayVerticle extends VerticleBase {

  private final GatewayConfig config;
  private final GatewayNode node;
  private final LiveSessions live = new LiveSessions();
  private HttpServer server;
  private SessionSupervisor supervisor;
  private TlsReloader tlsReloader;
  private long reportTimer = -1;

  public GatewayVerticle(GatewayConfig config, GatewayNode node) {
    this.config = config;
    this.node = node;
  }

  @Override
  public Future<?> start() {
    node.attach(vertx);
    supervisor = new SessionSupervisor(vertx, context, live, node.metrics(), config.keepalive());
    SessionSetup sessions = new SessionSetup(vertx, config,
      new TokenClient(vertx.eventBus(), config.busTimeout()),
      new RegistryClient(vertx.eventBus(), config.busTimeout()),
      new SessionSetup.Dialers(vertx.createNetClient(dialer()), vertx.createNetClient(tlsDialer()), new BareDialer(vertx, dialer())),
      live, node);
    Deadlines deadlines = new Deadlines(vertx, config.limits().handshakeTimeout());

    Router router = Router.router(vertx);
    router.route().handler(ctx -> {
      deadlines.met(ctx.request().remoteAddress(), ctx.request().localAddress());
      ctx.next();
    });
    HealthRoutes.mount(router, "gateway", () -> node.draining()
      ? Future.failedFuture("draining") : Future.succeededFuture());
    Metrics.mount(router, node.metrics().registry());
    new AdminRoutes(config, node).mount(router);
    WebClientRoutes.mount(router, config.novncDir());

    Future<HttpServer> listening = vertx.createHttpServer(serverOptions())
      .connectionHandler(connection -> {
        RelayReads.apply(connection);
        deadlines.started(connection);
      })
      .webSocketHandshakeHandler(new HandshakeHandler(config, sessions, node, deadlines))
      .requestHandler(router)
      .listen()
      .onSuccess(s -> {
        server = s;
        if (config.tls() != null) {
          tlsReloader = new TlsReloader(vertx, s, config.tls());
          tlsReloader.start();
        }
      });
    supervisor.start();
    node.register(supervisor::closeAll);
    String reporter = config.nodeName() + "#" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000));
    reportTimer = new LoadReporter(vertx, live, reporter, config.nodeName(), Duration.ofMillis(250)).start(config.loadReportInterval());
    return Future.all(listening, live.listen(vertx.eventBus()));
  }

  private HttpServerOptions serverOptions() {
    HttpServerOptions options = new HttpServerOptions()
      .setHost(config.httpHost())
      .setPort(config.httpPort())
      .setTcpNoDelay(true)
      // Under epoll Vert.x writes this into TCP_QUICKACK; its default (false) would start every
      // browser connection in Linux's delayed-ACK mode. On, it starts as under NIO, which
      // never sets it; the kernel then chooses per connection.
      .setTcpQuickAck(true)
      // Browsers reach WebSockets over HTTP/1.1. Without cleartext HTTP/2 detection the server
      // sees a connection as soon as it opens, so the handshake deadline covers silent ones too.
      .setHttp2ClearTextEnabled(false)
      // Room for a token up to the configured cap in the request line, so an oversized one
      // gets a readable 4401 instead of a bare HTTP 414.
      .setMaxInitialLineLength(config.limits().maxTokenChars() + 4096)
      .setMaxHeaderSize(config.limits().maxHeaderBytes())
      // noVNC never sends more than 10 KiB at once; larger browser messages close with 1009.
      .setMaxWebSocketFrameSize(config.limits().maxMessageBytes())
      .setMaxWebSocketMessageSize(config.limits().maxMessageBytes())
      .setWebSocketSubProtocols(List.of("binary"))
      // No permessage-deflate: VNC's own encodings (Tight, ZRLE) are compressed already, and
      // deflating a framebuffer stream again costs more CPU than the relay itself.
      .setPerMessageWebSocketCompressionSupported(false)
      .setPerFrameWebSocketCompressionSupported(false)
      // Every write to a browser's connection happens on that connection's event loop (the
      // session, its timers and its bus consumers all live on this verticle's context), so
      // Vert.x can skip the thread-safe outbound queue it otherwise allocates per connection:
      // about 9 KiB less heap per idle session (docs/performance.md).
      .setStrictThreadMode(true);
    if (config.tls() != null) {
      options.setSsl(true).setKeyCertOptions(TlsReloader.keyCert(config.tls()));
    }
    return options;
  }

  private NetClientOptions dialer() {
    return VncDial.options(config.connectTimeout());
  }

  /** For desktops registered with {@code tls}: certificate checked against the CA (or the JVM's), and the host name. */
  private NetClientOptions tlsDialer() {
    NetClientOptions options = dialer().setSsl(true)
      .setHostnameVerificationAlgorithm(config.targetTls().verifyHost() ? "HTTPS" : "");
    if (config.targetTls().caPath() != null) {
      options.setTrustOptions(new PemTrustOptions().addCertPath(config.targetTls().caPath().toString()));
    }
    return options;
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(reportTimer);
    supervisor.stop();
    if (tlsReloader != null) {
      tlsReloader.stop();
    }
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
