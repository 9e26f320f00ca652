package io.vncgate.token;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vncgate.shared.http.OperatorApi;
import io.vncgate.token.issue.IssueHandler;
import io.vncgate.token.issue.TokenIssuer;
import io.vncgate.token.keys.SigningKeys;
import io.vncgate.token.verify.TokenVerifier;
import io.vncgate.token.verify.VerifyConsumer;

import java.time.Clock;

/** The token service: REST issue API for operators, and the verify consumer for gateways. */
public final class TokenVerticle extends VerticleBase {

  private final TokenConfig config;
  private HttpServer server;

  public TokenVerticle(TokenConfig config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    SigningKeys keys = SigningKeys.hs256(vertx, config.jwtSecret());
    TokenIssuer issuer = new TokenIssuer(keys, config);
    TokenVerifier verifier = new TokenVerifier(keys, config, Clock.systemUTC());

    Router router = OperatorApi.router(vertx, "token", Future::succeededFuture, config.apiKeys(), api -> api
      .post("/api/v1/tokens").handler(BodyHandler.create().setBodyLimit(16 * 1024)).handler(new IssueHandler(issuer, config)));

    Future<HttpServer> listening = vertx.createHttpServer(new HttpServerOptions().setHost(config.httpHost()).setPort(config.httpPort()))
      .requestHandler(router)
      .listen()
      .onSuccess(s -> server = s);
    return Future.all(listening, new VerifyConsumer(verifier).register(vertx.eventBus()));
  }

  /** The port actually bound (tests listen on port 0). */
  public int actualPort() {
    return server.actualPort();
  }
}
