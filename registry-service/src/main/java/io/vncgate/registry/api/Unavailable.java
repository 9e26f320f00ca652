package io.vncgate.registry.api;

import io.vertx.ext.web.RoutingContext;
import io.vncgate.shared.http.ApiErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The answer when Redis is away: 503, and the promise that nothing was half-done. */
final class Unavailable {

  private static final Logger LOG = LoggerFactory.getLogger(Unavailable.class);

  private Unavailable() {
  }

  static void send(RoutingContext ctx, Throwable err) {
    LOG.warn("host store failed on {} {}: {}", ctx.request().method(), ctx.request().path(), err.getMessage());
    ApiErrors.send(ctx, 503, "unavailable", "the registry's store (Redis) is unavailable; nothing was changed, try again");
  }
}
