package io.vncgate.token.issue;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vncgate.shared.http.ApiErrors;
import io.vncgate.shared.http.OperatorApi;
import io.vncgate.shared.log.Redact;
import io.vncgate.token.TokenConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code POST /api/v1/tokens}: validates the request and answers 201 with the token and its link. */
public final class IssueHandler implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(IssueHandler.class);

  private final TokenIssuer issuer;
  private final TokenConfig config;

  public IssueHandler(TokenIssuer issuer, TokenConfig config) {
    this.issuer = issuer;
    this.config = config;
  }

  @Override
  public void handle(RoutingContext ctx) {
    TokenRequest request;
    try {
      JsonObject body = OperatorApi.jsonBody(ctx, "{hostId, sub, ttlSeconds}");
      request = TokenRequest.fromJson(body, config.defaultTtlSeconds(), config.maxTtlSeconds());
    } catch (IllegalArgumentException e) {
      ApiErrors.badRequest(ctx, e.getMessage());
      return;
    }
    TokenIssuer.IssuedToken issued = issuer.issue(request);
    LOG.info("issued token {} jti={} sub={} hostId={} ttl={}s", Redact.token(issued.token()), issued.jti(),
      request.sub(), request.hostId(), request.ttlSeconds());
    ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json")
      .putHeader("Cache-Control", "no-store").end(issued.toJson().encode());
  }
}
