package io.vncgate.gateway.session;

import io.vertx.core.Vertx;
import io.vncgate.shared.bus.Addresses;
import io.vncgate.shared.bus.LoadReport;

import java.time.Duration;

/**
 * Publishes this event loop's live sessions to the registries: every {@code interval}, and
 * shortly after sessions start or end (at most one extra report per {@code debounce}), so pool
 * counts and the session list follow quickly without a report per connection.
 */
public final class LoadReporter {

  private final Vertx vertx;
  private final LiveSessions sessions;
  private final String reporter;
  private final String node;
  private final Duration debounce;
  private boolean pending;

  public LoadReporter(Vertx vertx, LiveSessions sessions, String reporter, String node, Duration debounce) {
    this.vertx = vertx;
    this.sessions = sessions;
    this.reporter = reporter;
    this.node = node;
    this.debounce = debounce;
  }

  /** Starts the periodic reports; returns the timer id. */
  public long start(Duration interval) {
    sessions.onChange(this::changed);
    publish();
    return vertx.setPeriodic(interval.toMillis(), t -> publish());
  }

  private void changed() {
    if (!pending) {
      pending = true;
      vertx.setTimer(debounce.toMillis(), t -> {
        pending = false;
        publish();
      });
    }
  }

  private void publish() {
    vertx.eventBus().publish(Addresses.REGISTRY_LOAD,
      new LoadReport(reporter, node, System.currentTimeMillis(), sessions.snapshot()).toJson());
  }
}
