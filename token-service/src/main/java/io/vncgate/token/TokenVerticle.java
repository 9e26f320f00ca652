package io.vncgate.token;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.redis.client.Redis;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vncgate.shared.http.OperatorApi;
import io.vncgate.shared.metrics.Metrics;
import io.vncgate.token.issue.IssueHandler;
import io.vncgate.token.issue.TokenIssuer;
import io.vncgate.token.keys.KeyRing;
import io.vncgate.token.revoke.RevokeRoutes;
import io.vncgate.token.state.RedisTokenState;
import io.vncgate.token.state.TokenState;
import io.vncgate.token.verify.TokenVerifier;
import io.vncgate.token.verify.VerifyConsumer;

import java.time.Clock;

/**
 * The token service: REST issue and revoke APIs for operators, the public JWKS, and the verify
 * consumer for gateways. Revocations and single-use state live in Redis, shared by all instances.
 */
public final class TokenVerticle extends VerticleBase {

  private final TokenConfig config;
  private final PrometheusMeterRegistry metrics;
  private Redis redis;
  private HttpServer server;

  public TokenVerticle(TokenConfig config, PrometheusMeterRegistry metrics) {
    this.config = config;
    this.metrics = metrics;
  }

  /** With a registry of its own (tests). */
  public TokenVerticle(TokenConfig config) {
    this(config, Metrics.newRegistry("token"));
  }

  @Override
  public Future<?> start() {
    Clock clock = Clock.systemUTC();
    KeyRing keys = KeyRing.create(vertx, config.keys(), config.signingKey().kid());
    redis = config.redis().client(vertx);
    TokenState state = new RedisTokenState(redis, config.redis().prefix(), clock, config.reconnectWindow(), config.reconnects());
    TokenIssuer issuer = new TokenIssuer(keys, state, config, clock);
    TokenVerifier verifier = new TokenVerifier(keys, state, config, clock);

    RevokeRoutes revocations = new RevokeRoutes(state, vertx.eventBus());
    Router router = OperatorApi.router(vertx, "token", state::ping, config.apiKeys(), api -> {
      Metrics.mount(api, metrics);
      api.post("/api/v1/tokens").handler(BodyHandler.create().setBodyLimit(16 * 1024))
        .handler(new IssueHandler(issuer, state, config, metrics));
      revocations.mount(api);
      api.get("/.well-known/jwks.json").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "application/json").putHeader("Cache-Control", "public, max-age=300")
        .end(keys.jwks().encode()));
    });

    Future<HttpServer> listening = vertx.createHttpServer(new HttpServerOptions().setHost(config.httpHost()).setPort(config.httpPort()))
      .requestHandler(router)
      .listen()
      .onSuccess(s -> server = s);
    return Future.all(listening, new VerifyConsumer(verifier, metrics).register(vertx.eventBus()), revocations.register(vertx.eventBus()));
  }

  @Override
  public Future<?> stop() {
    return redis.close();
  }

  /** The port actually bound (tests listen on port 0). */
  public int actualPort() {
    return server.actualPort();
  }
}
