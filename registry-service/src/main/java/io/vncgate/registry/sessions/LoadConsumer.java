package io.vncgate.registry.sessions;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import io.vncgate.registry.store.RedisLoadStore;
import io.vncgate.shared.bus.Addresses;
import io.vncgate.shared.bus.LoadReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores the gateways' {@link Addresses#REGISTRY_LOAD} reports. They are published to every
 * registry instance; each stores them (the script is idempotent), so no report is lost while
 * one instance restarts.
 */
public final class LoadConsumer {

  private static final Logger LOG = LoggerFactory.getLogger(LoadConsumer.class);

  private final RedisLoadStore store;

  public LoadConsumer(RedisLoadStore store) {
    this.store = store;
  }

  public Future<Void> register(EventBus bus) {
    return bus.<JsonObject>consumer(Addresses.REGISTRY_LOAD, message -> {
      LoadReport report;
      try {
        report = LoadReport.fromJson(message.body());
      } catch (RuntimeException e) {
        LOG.warn("ignored a malformed load report: {}", e.getMessage());
        return;
      }
      store.store(report).onFailure(err -> LOG.warn("storing the load report of {} failed: {}", report.reporter(), err.getMessage()));
    }).completion();
  }
}
