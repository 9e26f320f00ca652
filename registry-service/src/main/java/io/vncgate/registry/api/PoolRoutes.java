package io.vncgate.registry.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vncgate.registry.store.HostStore;
import io.vncgate.registry.store.HostStore.HostView;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** {@code GET /api/v1/pools}: each pool with its hosts, healthy hosts, sessions and capacity. */
public final class PoolRoutes {

  private final HostStore store;

  public PoolRoutes(HostStore store) {
    this.store = store;
  }

  public void mount(Router router) {
    router.get("/api/v1/pools").handler(this::list);
  }

  private void list(RoutingContext ctx) {
    store.list().onSuccess(views -> {
      Map<String, List<HostView>> pools = views.stream().filter(v -> v.host().pool() != null)
        .collect(Collectors.groupingBy(v -> v.host().pool(), TreeMap::new, Collectors.toList()));
      JsonArray out = new JsonArray();
      pools.forEach((name, members) -> {
        boolean unlimited = members.stream().anyMatch(v -> v.host().maxSessions() == 0);
        out.add(new JsonObject().put("name", name)
          .put("hosts", members.size())
          .put("healthy", members.stream().filter(v -> !v.health().down()).count())
          .put("sessions", members.stream().mapToInt(HostView::sessions).sum())
          .put("capacity", unlimited ? null : members.stream().mapToInt(v -> v.host().maxSessions()).sum()));
      });
      ctx.json(new JsonObject().put("pools", out));
    }).onFailure(err -> Unavailable.send(ctx, err));
  }
}
