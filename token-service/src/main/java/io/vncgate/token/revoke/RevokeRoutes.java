package io.vncgate.token.revoke;

import io.vertx.core.eventbus.EventBus;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vncgate.shared.bus.Addresses;
import io.vncgate.shared.bus.Revocation;
import io.vncgate.shared.http.ApiErrors;
import io.vncgate.shared.http.ApiKeyAuth;
import io.vncgate.shared.log.Audit;
import io.vncgate.token.state.TokenState;

import java.util.regex.Pattern;

/**
 * Revocation: {@code DELETE /api/v1/tokens/{jti}} revokes one live token,
 * {@code DELETE /api/v1/tokens?sub=<sub>} every live token of a subject. The
 * revocation is stored first (so no gateway can open a new session with it), then published on
 * {@link Addresses#TOKEN_REVOKED} so every gateway closes the live sessions holding it.
 */
public final class RevokeRoutes {

  private static final Pattern JTI = Pattern.compile("[A-Za-z0-9._-]{1,128}");

  private final TokenState state;
  private final EventBus bus;

  public RevokeRoutes(TokenState state, EventBus bus) {
    this.state = state;
    this.bus = bus;
  }

  public void mount(Router router) {
    router.delete("/api/v1/tokens/:jti").handler(this::revokeToken);
    router.delete("/api/v1/tokens").handler(this::revokeSubject);
  }

  private void revokeToken(RoutingContext ctx) {
    String jti = ctx.pathParam("jti");
    if (!JTI.matcher(jti).matches()) {
      ApiErrors.notFound(ctx, "no live token with that jti");
      return;
    }
    state.revoke(jti).onComplete(ar -> {
      if (ar.failed()) {
        unavailable(ctx);
      } else if (!ar.result()) {
        ApiErrors.notFound(ctx, "no live token with jti '" + jti + "' (unknown or already expired)");
      } else {
        publish(ctx, new Revocation(jti, null, "revoked by API key " + ApiKeyAuth.keyName(ctx)));
      }
    });
  }

  private void revokeSubject(RoutingContext ctx) {
    String sub = ctx.queryParams().get("sub");
    if (sub == null || sub.isBlank()) {
      ApiErrors.badRequest(ctx, "name the tokens to revoke: DELETE /api/v1/tokens/{jti} or DELETE /api/v1/tokens?sub=<sub>");
      return;
    }
    state.revokeSubject(sub).onComplete(ar -> {
      if (ar.failed()) {
        unavailable(ctx);
      } else {
        publish(ctx, new Revocation(null, sub, "all tokens of the subject revoked by API key " + ApiKeyAuth.keyName(ctx)));
      }
    });
  }

  private void publish(RoutingContext ctx, Revocation revocation) {
    bus.publish(Addresses.TOKEN_REVOKED, revocation.toJson());
    Audit.event("token.revoked", revocation.toJson().put("apiKey", ApiKeyAuth.keyName(ctx)));
    ctx.response().setStatusCode(204).end();
  }

  private static void unavailable(RoutingContext ctx) {
    ApiErrors.send(ctx, 503, "unavailable", "the token store (Redis) is unavailable; nothing was revoked, try again");
  }
}
