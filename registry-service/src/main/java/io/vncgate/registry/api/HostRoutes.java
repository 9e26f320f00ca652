package io.vncgate.registry.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vncgate.registry.host.Host;
import io.vncgate.registry.host.HostInput;
import io.vncgate.registry.host.HostInput.Registration;
import io.vncgate.registry.store.HostStore;
import io.vncgate.shared.http.ApiErrors;
import io.vncgate.shared.http.OperatorApi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/v1/hosts}: register, list, read, heartbeat and remove VNC hosts. Passwords are
 * encrypted before they are stored and never shown again.
 */
public final class HostRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(HostRoutes.class);
  private static final int MAX_BODY_BYTES = 64 * 1024;
  private static final String SHAPE = "{host, port, pool?, labels?, maxSessions?, weight?, password?, ttlSeconds?}";

  private final HostStore store;
  private final Registrations registrations;

  public HostRoutes(HostStore store, Registrations registrations) {
    this.store = store;
    this.registrations = registrations;
  }

  public void mount(Router router) {
    BodyHandler body = BodyHandler.create().setBodyLimit(MAX_BODY_BYTES);
    router.put("/api/v1/hosts/:id").handler(body).handler(this::put);
    router.post("/api/v1/hosts/:id/heartbeat").handler(body).handler(this::heartbeat);
    router.get("/api/v1/hosts").handler(this::list);
    router.get("/api/v1/hosts/:id").handler(this::get);
    router.delete("/api/v1/hosts/:id").handler(this::delete);
  }

  private void put(RoutingContext ctx) {
    Host host;
    try {
      host = registrations.toHost(HostInput.parse(ctx.pathParam("id"), OperatorApi.jsonBody(ctx, SHAPE)));
    } catch (IllegalArgumentException e) {
      ApiErrors.badRequest(ctx, e.getMessage());
      return;
    }
    store.put(host)
      .onSuccess(created -> {
        LOG.info("{} {}", created ? "registered" : "updated", host);
        ctx.response().setStatusCode(created ? 201 : 200).putHeader("Content-Type", "application/json").end(host.toJson().encode());
      })
      .onFailure(err -> Unavailable.send(ctx, err));
  }

  /**
   * Renews a host's TTL. The body may carry the full registration: then a host that is gone
   * (expired, or lost with Redis) is registered again, so agents on desktops keep themselves
   * listed without knowing what happened.
   */
  private void heartbeat(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    Registration registration;
    try {
      HostInput.id(id);
      registration = ctx.body().isEmpty() ? null : HostInput.parse(id, OperatorApi.jsonBody(ctx, SHAPE));
    } catch (IllegalArgumentException e) {
      ApiErrors.badRequest(ctx, e.getMessage());
      return;
    }
    store.heartbeat(id).compose(renewed -> {
      if (renewed) {
        ctx.response().setStatusCode(204).end();
        return Future.succeededFuture();
      }
      if (registration == null) {
        ApiErrors.notFound(ctx, "no host '" + id + "' (it expired or was never registered): register it with PUT, "
          + "or send the registration in the heartbeat body");
        return Future.succeededFuture();
      }
      Host host = registrations.toHost(registration);
      return store.put(host).onSuccess(created -> {
        LOG.info("re-registered {} from its heartbeat", host);
        ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json").end(host.toJson().encode());
      }).mapEmpty();
    }).onFailure(err -> {
      if (err instanceof IllegalArgumentException bad) {
        ApiErrors.badRequest(ctx, bad.getMessage());
      } else {
        Unavailable.send(ctx, err);
      }
    });
  }

  private void list(RoutingContext ctx) {
    String pool = ctx.queryParams().get("pool");
    store.list()
      .onSuccess(views -> ctx.json(new JsonObject().put("hosts", new JsonArray(views.stream()
        .filter(v -> pool == null || pool.equals(v.host().pool())).map(HostStore.HostView::toJson).toList()))))
      .onFailure(err -> Unavailable.send(ctx, err));
  }

  private void get(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (!HostInput.ID.matcher(id).matches()) {
      ApiErrors.notFound(ctx, "no host with that id");
      return;
    }
    store.view(id)
      .onSuccess(view -> {
        if (view == null) {
          ApiErrors.notFound(ctx, "no host with id '" + id + "'");
        } else {
          ctx.json(view.toJson());
        }
      })
      .onFailure(err -> Unavailable.send(ctx, err));
  }

  private void delete(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (!HostInput.ID.matcher(id).matches()) {
      ApiErrors.notFound(ctx, "no host with that id");
      return;
    }
    store.delete(id)
      .onSuccess(deleted -> {
        if (deleted) {
          LOG.info("removed host {}", id);
          ctx.response().setStatusCode(204).end();
        } else {
          ApiErrors.notFound(ctx, "no host with id '" + id + "'");
        }
      })
      .onFailure(err -> Unavailable.send(ctx, err));
  }
}
