package io.vncgate.token.revoke;

import io.vertx.core.eventbus.EventBus;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vncgate.shared.bus.Addresses;
import io.vncgate.shared.bus.BusFailure;
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
    revoke(jti, "revoked by API key " + ApiKeyAuth.keyName(ctx), ApiKeyAuth.keyName(ctx)).onComplete(ar -> {
      if (ar.failed()) {
        unavailable(ctx);
      } else if (!ar.result()) {
        ApiErrors.notFound(ctx, "no live token with jti '" + jti + "' (unknown or already expired)");
      } else {
        ctx.response().setStatusCode(204).end();
      }
    });
  }

  /**
   * Answers {@link Addresses#TOKEN_REVOKE} {@code {jti, reason}} with {@code {revoked}}: the
   * registry asks for it when an operator ends a session, so the link cannot reconnect.
   */
  public Future<Void> register(EventBus bus) {
    return bus.<JsonObject>consumer(Addresses.TOKEN_REVOKE, message -> {
      String jti = message.body().getString("jti");
      if (jti == null || !JTI.matcher(jti).matches()) {
        message.fail(BusFailure.MALFORMED, "a revocation needs a jti");
        return;
      }
      revoke(jti, message.body().getString("reason", "revoked"), "bus")
        .onSuccess(revoked -> message.reply(new JsonObject().put("revoked", revoked)))
        .onFailure(err -> message.fail(BusFailure.UNAVAILABLE, "the token store is unavailable"));
    }).completion();
  }

  /** Stores the revocation, then tells every gateway; {@code false} when no such live token. */
  private Future<Boolean> revoke(String jti, String reason, String by) {
    return state.revoke(jti).onSuccess(revoked -> {
      if (revoked) {
        announce(new Revocation(jti, null, reason), by);
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
        announce(new Revocation(null, sub, "all tokens of the subject revoked by API key " + ApiKeyAuth.keyName(ctx)),
          ApiKeyAuth.keyName(ctx));
        ctx.response().setStatusCode(204).end();
      }
    });
  }

  private void announce(Revocation revocation, String by) {
    bus.publish(Addresses.TOKEN_REVOKED, revocation.toJson());
    Audit.event("token.revoked", revocation.toJson().put("by", by));
  }

  private static void unavailable(RoutingContext ctx) {
    ApiErrors.send(ctx, 503, "unavailable", "the token store (Redis) is unavailable; nothing was revoked, try again");
  }
}
