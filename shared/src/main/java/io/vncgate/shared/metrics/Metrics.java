package io.vncgate.shared.metrics;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.netty4.NettyAllocatorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.vertx.core.impl.buffer.VertxByteBufAllocator;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.PrometheusScrapingHandler;

/**
 * Prometheus metrics: one registry per process, with JVM and Netty basics; Vert.x adds its own
 * (HTTP, TCP, event bus) when the launcher builds Vert.x with it. Served at {@code GET /metrics}.
 */
public final class Metrics {

  private Metrics() {
  }

  /** A registry with the JVM, process and Netty allocator meters bound. */
  public static PrometheusMeterRegistry newRegistry(String service) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().commonTags("service", service);
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    // The allocator Vert.x's channels read into (Netty 4.2's adaptive one), so that
    // netty_allocator_memory_used shows the direct memory sessions hold, e.g. those behind their desktop.
    if (VertxByteBufAllocator.POOLED_ALLOCATOR instanceof ByteBufAllocatorMetricProvider allocator) {
      new NettyAllocatorMetrics(allocator).bindTo(registry);
    }
    return registry;
  }

  /** {@code GET /metrics} in the Prometheus text format. */
  public static void mount(Router router, PrometheusMeterRegistry registry) {
    router.get("/metrics").handler(PrometheusScrapingHandler.create(registry));
  }
}
