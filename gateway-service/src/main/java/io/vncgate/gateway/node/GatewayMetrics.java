package io.vncgate.gateway.node;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * The gateway's own meters, in Prometheus names: {@code vncgate_sessions_active},
 * {@code vncgate_sessions_opened_total}, {@code vncgate_sessions_closed_total{code}},
 * {@code vncgate_session_refusals_total{code}}, {@code vncgate_bytes_total{direction}},
 * {@code vncgate_handshake_seconds{step}} (verify, resolve, connect, total; with histogram
 * buckets), {@code vncgate_bus_failures_total{address,type}} and {@code vncgate_draining}.
 */
public final class GatewayMetrics {

  private final PrometheusMeterRegistry registry;
  private final Counter opened;
  private final Counter toDesktop;
  private final Counter toBrowser;
  /**
   * Meters every session touches, looked up once: building a meter and finding it in the
   * registry on each call allocates and hashes, several times per session.
   */
  private final Map<String, Timer> handshakeSteps = new ConcurrentHashMap<>();
  private final Map<String, Counter> closedBy = new ConcurrentHashMap<>();

  GatewayMetrics(PrometheusMeterRegistry registry, AtomicInteger active, BooleanSupplier draining) {
    this.registry = registry;
    Gauge.builder("vncgate.sessions.active", active, AtomicInteger::get).description("sessions being relayed").register(registry);
    Gauge.builder("vncgate.draining", () -> draining.getAsBoolean() ? 1 : 0).description("1 while the node drains").register(registry);
    opened = Counter.builder("vncgate.sessions.opened").description("sessions whose relay started").register(registry);
    toDesktop = Counter.builder("vncgate.bytes").tag("direction", "to_desktop").baseUnit("bytes").register(registry);
    toBrowser = Counter.builder("vncgate.bytes").tag("direction", "to_browser").baseUnit("bytes").register(registry);
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  public void opened() {
    opened.increment();
  }

  /**
   * @param code the close code of the session ({@code "1006"} when a browser went without a close frame)
   * @param by   {@code "gateway"} when the gateway ended it, {@code "browser"} when the browser did
   */
  public void closed(String code, String by) {
    closedBy.computeIfAbsent(code + ' ' + by, key -> registry.counter("vncgate.sessions.closed", "code", code, "by", by)).increment();
  }

  public void refused(int code) {
    registry.counter("vncgate.session.refusals", "code", Integer.toString(code)).increment();
  }

  public void bytes(long desktopBound, long browserBound) {
    if (desktopBound > 0) {
      toDesktop.increment(desktopBound);
    }
    if (browserBound > 0) {
      toBrowser.increment(browserBound);
    }
  }

  /** @param step {@code verify}, {@code resolve}, {@code connect} or {@code total} */
  public void handshake(String step, long nanos) {
    handshakeSteps.computeIfAbsent(step, name -> Timer.builder("vncgate.handshake").tag("step", name).publishPercentileHistogram()
      .minimumExpectedValue(Duration.ofNanos(100_000)).maximumExpectedValue(Duration.ofSeconds(10))
      .register(registry)).record(nanos, TimeUnit.NANOSECONDS);
  }

  public void busFailure(String address, Throwable failure) {
    String type = failure instanceof ReplyException reply ? reply.failureType().name().toLowerCase() : "error";
    if (failure instanceof ReplyException reply && reply.failureType() == ReplyFailure.RECIPIENT_FAILURE) {
      type = "recipient_" + reply.failureCode();
    }
    registry.counter("vncgate.bus.failures", "address", address, "type", type).increment();
  }
}
