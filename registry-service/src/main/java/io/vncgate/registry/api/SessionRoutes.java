package io.vncgate.registry.api;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vncgate.registry.store.RedisLoadStore;
import io.vncgate.registry.store.RedisLoadStore.LiveSession;
import io.vncgate.shared.bus.Addresses;
import io.vncgate.shared.bus.SessionKill;
import io.vncgate.shared.bus.TokenClient;
import io.vncgate.shared.http.ApiErrors;
import io.vncgate.shared.http.ApiKeyAuth;
import io.vncgate.shared.log.Audit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/sessions[?hostId=&sub=]}: the live sessions of every gateway, from their
 * load reports. {@code DELETE /api/v1/sessions/{id}}: ends one (the owning gateway closes it with
 * 4409) and, unless {@code ?revoke=false}, revokes its token too, so noVNC's automatic reconnect
 * cannot bring it back.
 */
public final class SessionRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(SessionRoutes.class);

  private final RedisLoadStore load;
  private final EventBus bus;
  private final TokenClient tokens;

  public SessionRoutes(RedisLoadStore load, EventBus bus, TokenClient tokens) {
    this.load = load;
    this.bus = bus;
    this.tokens = tokens;
  }

  public void mount(Router router) {
    router.get("/api/v1/sessions").handler(this::list);
    router.delete("/api/v1/sessions/:id").handler(this::kill);
  }

  private void list(RoutingContext ctx) {
    String hostId = ctx.queryParams().get("hostId");
    String sub = ctx.queryParams().get("sub");
    load.sessions().onSuccess(sessions -> ctx.json(new JsonObject().put("sessions", new JsonArray(sessions.stream()
        .filter(s -> hostId == null || hostId.equals(s.session().hostId()))
        .filter(s -> sub == null || sub.equals(s.session().sub()))
        .map(LiveSession::toJson).toList()))))
      .onFailure(err -> Unavailable.send(ctx, err));
  }

  private void kill(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    boolean revoke = !"false".equals(ctx.queryParams().get("revoke"));
    String keyName = ApiKeyAuth.keyName(ctx);
    load.sessions().onSuccess(sessions -> {
      LiveSession session = sessions.stream().filter(s -> s.session().sessionId().equals(id)).findFirst().orElse(null);
      if (session == null) {
        ApiErrors.notFound(ctx, "no live session '" + id + "' (ended, or not reported yet)");
        return;
      }
      bus.publish(Addresses.SESSION_KILL, SessionKill.session(id, "ended by API key " + keyName).toJson());
      Future<Boolean> revoked = revoke && session.session().jti() != null
        ? tokens.revoke(session.session().jti(), "session " + id + " ended by API key " + keyName)
          .recover(err -> {
            LOG.warn("session {} ended, but revoking its token failed: {}", id, err.getMessage());
            return Future.succeededFuture(false);
          })
        : Future.succeededFuture(false);
      revoked.onSuccess(tokenRevoked -> {
        Audit.event("session.killed", new JsonObject().put("sessionId", id).put("node", session.node())
          .put("sub", session.session().sub()).put("hostId", session.session().hostId()).put("tokenRevoked", tokenRevoked)
          .put("apiKey", keyName));
        ctx.response().setStatusCode(202).putHeader("Content-Type", "application/json")
          .end(new JsonObject().put("sessionId", id).put("node", session.node()).put("tokenRevoked", tokenRevoked).encode());
      });
    }).onFailure(err -> Unavailable.send(ctx, err));
  }
}
