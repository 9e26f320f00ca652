package io.vncgate.shared.metrics;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.vertx.core.impl.buffer.VertxByteBufAllocator;
import org.junit.jupiter.api.Test;

class MetricsTest {

  private static final int HELD = 4 * 1024 * 1024;

  /** The allocator meters follow the allocator Vert.x's channels read into, not one nobody uses. */
  @Test
  void directMemoryMeterSeesWhatVertxChannelsHold() {
    PrometheusMeterRegistry registry = Metrics.newRegistry("test");
    Gauge direct = registry.find("netty.allocator.memory.used").tag("memory.type", "direct").gauge();
    assertNotNull(direct, "no direct-memory meter for the allocator");

    double before = direct.value();
    ByteBuf held = VertxByteBufAllocator.POOLED_ALLOCATOR.directBuffer(HELD);
    double holding;
    try {
      holding = direct.value();
      assertTrue(holding - before >= HELD,
          "the meter moved by " + (holding - before) + " bytes for a held buffer of " + HELD);
    } finally {
      held.release();
    }
    assertTrue(direct.value() < holding, "the meter kept the released buffer: " + direct.value());
    assertTrue(registry.scrape().contains("netty_allocator_memory_used{"),
        "the meter is missing from the scrape");
  }
}
