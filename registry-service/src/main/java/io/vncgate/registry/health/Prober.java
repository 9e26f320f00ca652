package io.vncgate.registry.health;

import io.vertx.core.Future;
import io.vncgate.registry.store.HostStore;
import io.vncgate.registry.store.RedisHealthStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Probes registered hosts once an interval. Every registry instance runs one; a per-host lock in
 * Redis lets exactly one of them probe each host per interval, so the work spreads over the
 * instances and no host is probed twice.
 */
public final class Prober {

  private static final Logger LOG = LoggerFactory.getLogger(Prober.class);

  private final HostStore hosts;
  private final RedisHealthStore health;
  private final RfbProbe probe;
  private final String owner;
  private final Duration interval;

  public Prober(HostStore hosts, RedisHealthStore health, RfbProbe probe, String owner, Duration interval) {
    this.hosts = hosts;
    this.health = health;
    this.probe = probe;
    this.owner = owner;
    this.interval = interval;
  }

  /** One round: claim, probe, record. Failures are logged, never thrown: the next round retries. */
  public Future<Void> round() {
    return hosts.list()
      .compose(views -> health.claim(views.stream().map(v -> v.host().id()).toList(), owner, interval.minusMillis(interval.toMillis() / 10))
        .compose(mine -> {
          List<Future<Void>> probes = new ArrayList<>();
          views.stream().filter(v -> mine.contains(v.host().id())).forEach(view -> probes.add(
            probe.probe(view.host().host(), view.host().port())
              .transform(ar -> {
                if (ar.failed() && !view.health().down()) {
                  LOG.info("probe of host {} ({}:{}) failed: {}", view.host().id(), view.host().host(), view.host().port(),
                    ar.cause().getMessage());
                }
                return health.record(view.host().id(), ar.succeeded(), ar.failed() ? ar.cause().getMessage() : null);
              })));
          return Future.join(probes).mapEmpty();
        }))
      .recover(err -> {
        LOG.warn("probe round failed: {}", err.getMessage());
        return Future.succeededFuture();
      })
      .mapEmpty();
  }
}
