package io.vncgate.registry;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.redis.client.Redis;
import io.vncgate.registry.api.HostRoutes;
import io.vncgate.registry.resolve.ResolveConsumer;
import io.vncgate.registry.store.HostStore;
import io.vncgate.registry.store.RedisHostStore;
import io.vncgate.shared.http.OperatorApi;

/** The registry service: host REST API for operators and the resolve consumer for gateways. */
public final class RegistryVerticle extends VerticleBase {

  private final RegistryConfig config;
  private Redis redis;
  private HttpServer server;

  public RegistryVerticle(RegistryConfig config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    redis = config.redis().client(vertx);
    HostStore store = new RedisHostStore(redis, config.redis().prefix());

    Router router = OperatorApi.router(vertx, "registry", store::ping, config.apiKeys(), new HostRoutes(store)::mount);

    Future<HttpServer> listening = vertx.createHttpServer(new HttpServerOptions().setHost(config.httpHost()).setPort(config.httpPort()))
      .requestHandler(router)
      .listen()
      .onSuccess(s -> server = s);
    // Redis is not required to start: the registry answers 503 until it is reachable.
    return Future.all(listening, new ResolveConsumer(store).register(vertx.eventBus()));
  }

  @Override
  public Future<?> stop() {
    redis.close();
    return Future.succeededFuture();
  }

  public int actualPort() {
    return server.actualPort();
  }
}
