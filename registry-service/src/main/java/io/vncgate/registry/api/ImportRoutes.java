package io.vncgate.registry.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vncgate.registry.host.Host;
import io.vncgate.registry.host.HostInput;
import io.vncgate.registry.importer.WebsockifyTokenFile;
import io.vncgate.registry.store.HostStore;
import io.vncgate.shared.http.ApiErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * {@code POST /api/v1/import/websockify[?pool=]}: a websockify token file as the body; every good
 * line becomes (or replaces) a host whose id is the token, all of them in one transaction. The
 * answer says how many were imported and which lines were rejected and why.
 */
public final class ImportRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(ImportRoutes.class);
  private static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

  private final HostStore store;
  private final Registrations registrations;

  public ImportRoutes(HostStore store, Registrations registrations) {
    this.store = store;
    this.registrations = registrations;
  }

  public void mount(Router router) {
    router.post("/api/v1/import/websockify").handler(BodyHandler.create().setBodyLimit(MAX_BODY_BYTES)).handler(this::importFile);
  }

  private void importFile(RoutingContext ctx) {
    String pool = ctx.queryParams().get("pool");
    if (pool != null && !HostInput.POOL.matcher(pool).matches()) {
      ApiErrors.badRequest(ctx, "'pool' must be 1-64 letters, digits or . _ ~ -");
      return;
    }
    String text = ctx.body().isEmpty() ? "" : ctx.body().asString();
    WebsockifyTokenFile.Parsed parsed = WebsockifyTokenFile.parse(text, pool);
    if (parsed.hosts().isEmpty() && parsed.rejected().isEmpty()) {
      ApiErrors.badRequest(ctx, "the body must be a websockify token file: 'token: host:port' lines");
      return;
    }
    List<Host> hosts = parsed.hosts().stream().map(registrations::toHost).toList();
    store.putAll(hosts).onSuccess(count -> {
      LOG.info("imported {} host(s) from a websockify token file, rejected {} line(s)", count, parsed.rejected().size());
      ctx.json(new JsonObject().put("imported", count).put("rejected", new JsonArray(parsed.rejected().stream()
        .map(r -> new JsonObject().put("line", r.line()).put("text", r.text()).put("reason", r.reason())).toList())));
    }).onFailure(err -> Unavailable.send(ctx, err));
  }
}
