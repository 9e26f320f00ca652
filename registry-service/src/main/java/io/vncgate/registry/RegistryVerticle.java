package io.vncgate.registry;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.redis.client.Redis;
import io.vncgate.registry.api.HostRoutes;
import io.vncgate.registry.api.ImportRoutes;
import io.vncgate.registry.api.PoolRoutes;
import io.vncgate.registry.api.Registrations;
import io.vncgate.registry.api.SessionRoutes;
import io.vncgate.registry.health.Prober;
import io.vncgate.registry.health.RfbProbe;
import io.vncgate.registry.resolve.ResolveConsumer;
import io.vncgate.registry.sessions.LoadConsumer;
import io.vncgate.registry.store.HostStore;
import io.vncgate.registry.store.RedisAssignments;
import io.vncgate.registry.store.RedisHealthStore;
import io.vncgate.registry.store.RedisHostStore;
import io.vncgate.registry.store.RedisLoadStore;
import io.vncgate.shared.bus.TokenClient;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vncgate.shared.http.OperatorApi;
import io.vncgate.shared.metrics.Metrics;
import io.vncgate.shared.net.VncDial;

import java.time.Clock;

/**
 * The registry service: host, pool, session and import REST APIs for operators; the resolve
 * and load-report consumers for gateways; and the health prober.
 */
public final class RegistryVerticle extends VerticleBase {

  private final RegistryConfig config;
  private final PrometheusMeterRegistry metrics;
  private Redis redis;
  private HttpServer server;
  private long probeTimer = -1;

  public RegistryVerticle(RegistryConfig config, PrometheusMeterRegistry metrics) {
    this.config = config;
    this.metrics = metrics;
  }

  /** With a registry of its own (tests). */
  public RegistryVerticle(RegistryConfig config) {
    this(config, Metrics.newRegistry("registry"));
  }

  @Override
  public Future<?> start() {
    Clock clock = Clock.systemUTC();
    String prefix = config.redis().prefix();
    redis = config.redis().client(vertx);
    HostStore hosts = new RedisHostStore(redis, prefix, clock);
    RedisLoadStore load = new RedisLoadStore(redis, prefix, clock, config.loadTtl(), config.perUser() > 0);
    Registrations registrations = new Registrations(config.cipher());

    Router router = OperatorApi.router(vertx, "registry", hosts::ping, config.apiKeys(), api -> {
      Metrics.mount(api, metrics);
      new HostRoutes(hosts, registrations).mount(api);
      new PoolRoutes(hosts).mount(api);
      new SessionRoutes(load, vertx.eventBus(), new TokenClient(vertx.eventBus(), config.busTimeout())).mount(api);
      new ImportRoutes(hosts, registrations).mount(api);
    });

    if (!config.probeInterval().isZero()) {
      Prober prober = new Prober(hosts, new RedisHealthStore(redis, prefix, clock, config.probeFailures()),
        new RfbProbe(vertx, vertx.createNetClient(VncDial.options(config.probeTimeout())), config.probeTimeout()),
        config.nodeName(), config.probeInterval());
      probeTimer = vertx.setPeriodic(0, config.probeInterval().toMillis(), t -> prober.round());
    }

    Future<HttpServer> listening = vertx.createHttpServer(new HttpServerOptions().setHost(config.httpHost()).setPort(config.httpPort()))
      .requestHandler(router)
      .listen()
      .onSuccess(s -> server = s);
    // Redis is not required to start: the registry answers 503 until it is reachable.
    return Future.all(listening,
      new ResolveConsumer(new RedisAssignments(redis, prefix, clock, config.reservation(), config.perUser()), config.cipher(), metrics).register(vertx.eventBus()),
      new LoadConsumer(load).register(vertx.eventBus()));
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(probeTimer);
    return redis.close();
  }

  public int actualPort() {
    return server.actualPort();
  }
}
