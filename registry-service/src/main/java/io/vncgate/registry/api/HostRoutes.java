package io.vncgate.registry.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vncgate.registry.host.Host;
import io.vncgate.registry.host.HostInput;
import io.vncgate.registry.store.HostStore;
import io.vncgate.shared.http.ApiErrors;
import io.vncgate.shared.http.OperatorApi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code /api/v1/hosts}: register, list, read and remove VNC hosts. */
public final class HostRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(HostRoutes.class);
  private static final int MAX_BODY_BYTES = 64 * 1024;

  private final HostStore store;

  public HostRoutes(HostStore store) {
    this.store = store;
  }

  public void mount(Router router) {
    router.put("/api/v1/hosts/:id").handler(BodyHandler.create().setBodyLimit(MAX_BODY_BYTES)).handler(this::put);
    router.get("/api/v1/hosts").handler(this::list);
    router.get("/api/v1/hosts/:id").handler(this::get);
    router.delete("/api/v1/hosts/:id").handler(this::delete);
  }

  private void put(RoutingContext ctx) {
    Host host;
    try {
      host = HostInput.parse(ctx.pathParam("id"), OperatorApi.jsonBody(ctx, "{host, port, pool?, labels?}"));
    } catch (IllegalArgumentException e) {
      ApiErrors.badRequest(ctx, e.getMessage());
      return;
    }
    store.put(host)
      .onSuccess(created -> {
        LOG.info("{} host {} at {}:{}", created ? "registered" : "updated", host.id(), host.host(), host.port());
        ctx.response().setStatusCode(created ? 201 : 200).putHeader("Content-Type", "application/json")
          .end(host.toJson().encode());
      })
      .onFailure(err -> unavailable(ctx, err));
  }

  private void list(RoutingContext ctx) {
    store.list()
      .onSuccess(hosts -> ctx.json(new JsonObject().put("hosts", new JsonArray(hosts.stream().map(Host::toJson).toList()))))
      .onFailure(err -> unavailable(ctx, err));
  }

  private void get(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (!HostInput.ID.matcher(id).matches()) {
      ApiErrors.notFound(ctx, "no host with that id");
      return;
    }
    store.get(id)
      .onSuccess(host -> {
        if (host == null) {
          ApiErrors.notFound(ctx, "no host with id '" + id + "'");
        } else {
          ctx.json(host.toJson());
        }
      })
      .onFailure(err -> unavailable(ctx, err));
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
      .onFailure(err -> unavailable(ctx, err));
  }

  private static void unavailable(RoutingContext ctx, Throwable err) {
    LOG.warn("host store failed on {} {}: {}", ctx.request().method(), ctx.request().path(), err.getMessage());
    ApiErrors.send(ctx, 503, "unavailable", "the host store (Redis) is unavailable; nothing was changed, try again");
  }
}
