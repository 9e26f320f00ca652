package io.vncgate.bench.client;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Load through the gateway that is not recorded: session set-ups, ping-pong and both
 * directions of bulk traffic, so the JIT has compiled the gateway's, the token service's and
 * the registry's paths before they are measured, as in a node that has been running a while.
 * (websockify is Python and raw TCP has no relay: neither needs it.) It runs after the idle
 * scenario, which measures the memory of a fresh node.
 */
final class Warmup {

  private static final Logger LOG = LoggerFactory.getLogger(Warmup.class);

  private final Bench bench;

  Warmup(Bench bench) {
    this.bench = bench;
  }

  void run() throws InterruptedException {
    long each = bench.config.jitWarmupMillis();
    LOG.info("warming up the gateway path: {} ms per step, not recorded", each);
    bench.unrecorded(0, each, () -> {
      new SetupScenario(bench).measure(gateway("echo"), 16);
      new PingPongScenario(bench).measure(gateway("echo"), 10);
      ThroughputScenario throughput = new ThroughputScenario(bench);
      throughput.downstream(gateway("push"), 10);
      throughput.upstream(gateway("sink"), 10);
    });
  }

  private Endpoint gateway(String backend) {
    return bench.config.endpoints(backend).stream().filter(e -> e.target().equals(Endpoint.GATEWAY)).findFirst().orElseThrow();
  }
}
