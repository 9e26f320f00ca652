package io.vncgate.token.issue;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vncgate.shared.http.ApiErrors;
import io.vncgate.shared.http.ApiKeyAuth;
import io.vncgate.shared.http.OperatorApi;
import io.vncgate.shared.log.Audit;
import io.vncgate.token.TokenConfig;
import io.vncgate.token.state.TokenState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/tokens}: validates the request, applies the per-key issuance limit (429
 * with {@code Retry-After}), and answers 201 with the token and its link. Every issued token gets
 * an audit line naming the API key that asked for it (by name, never the key).
 */
public final class IssueHandler implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(IssueHandler.class);

  private final TokenIssuer issuer;
  private final TokenState state;
  private final TokenConfig config;
  private final MeterRegistry metrics;

  public IssueHandler(TokenIssuer issuer, TokenState state, TokenConfig config, MeterRegistry metrics) {
    this.issuer = issuer;
    this.state = state;
    this.config = config;
    this.metrics = metrics;
  }

  @Override
  public void handle(RoutingContext ctx) {
    TokenRequest request;
    try {
      JsonObject body = OperatorApi.jsonBody(ctx, "{hostId | pool, sub, ttlSeconds, viewOnly, singleUse, idleTimeoutSeconds, maxSessionSeconds}");
      request = TokenRequest.fromJson(body, config.defaultTtlSeconds(), config.maxTtlSeconds());
    } catch (IllegalArgumentException e) {
      ApiErrors.badRequest(ctx, e.getMessage());
      return;
    }
    String keyName = ApiKeyAuth.keyName(ctx);
    state.throttle(keyName, config.issuePerMinute())
      .compose(wait -> {
        if (wait > 0) {
          ctx.response().putHeader("Retry-After", Long.toString(wait));
          ApiErrors.send(ctx, 429, "rate_limited", "API key '" + keyName + "' may issue " + config.issuePerMinute()
            + " tokens a minute; retry in " + wait + " s");
          return Future.succeededFuture();
        }
        return issuer.issue(request).onSuccess(issued -> {
          metrics.counter("vncgate_tokens_issued", "api_key", keyName).increment();
          Audit.event("token.issued", new JsonObject().put("jti", issued.jti()).put("sub", request.sub())
            .put("hostId", request.hostId()).put("pool", request.pool()).put("exp", issued.expiresAt())
            .put("viewOnly", request.viewOnly()).put("singleUse", request.singleUse())
            .put("kid", config.signingKey().kid()).put("apiKey", keyName));
          ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json")
            .putHeader("Cache-Control", "no-store").end(issued.toJson().encode());
        }).mapEmpty();
      })
      .onFailure(err -> {
        LOG.warn("issuing a token for {} failed: {}", request.sub(), err.getMessage());
        ApiErrors.send(ctx, 503, "unavailable", "the token store (Redis) is unavailable; no token was issued, try again");
      });
  }
}
