package io.vncgate.bench.client;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Load through the gateway that is not recorded: session set-ups, ping-pong and both
 * directions of bulk traffic, so the JIT has compiled the gateway's, the token service's and
 * the registry's paths before they are measured, as in a node that has been running a while.
 * (websockify is Python and raw TCP has no relay: neither needs it.) It runs after the idle
 * scenario, which measures the memory of a fresh node.
 *
 * <p>Set-ups are warmed at each concurrency the set-up scenario measures, with the reused token
 * and, where that concurrency has a fresh-token point, with fresh tokens too: C2 compiles for the
 * shape of the load it sees, and a warm-up at one concurrency only (16, before) left the
 * gateway's compiler busy during the measured points (a CPU profile of the gateway in the ×32
 * window had 31% of its samples in C2; {@code -XX:+PrintCompilation} counted about 530
 * compilations in that window, 190 of them replacing code made for the earlier load), and the
 * token service had checked ES256 signatures only in the points' own warm-ups.
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
      new PingPongScenario(bench).measure(gateway("echo"), 10);
      ThroughputScenario throughput = new ThroughputScenario(bench);
      throughput.downstream(gateway("push"), 10);
      throughput.upstream(gateway("sink"), 10);
      // Set-ups last: the set-up scenario is measured next.
      SetupScenario setup = new SetupScenario(bench);
      for (Map.Entry<Integer, Integer> shape : setups(bench.config).entrySet()) {
        setup.measure(gateway("echo"), shape.getKey());
        if (shape.getValue() > 0) {
          setup.measureFresh("echo", shape.getKey(), shape.getValue());
        }
      }
    });
  }

  /**
   * The set-ups the warm-up runs: each measured concurrency → how many fresh tokens follow its
   * reused-token step (half the point's own: enough for a few thousand signature checks, issued
   * in half the time; 0 for none). Recorded with the results, so the report can say how they
   * were warmed.
   */
  static Map<Integer, Integer> setups(BenchConfig config) {
    Map<Integer, Integer> setups = new LinkedHashMap<>();
    for (int concurrency : config.points().getOrDefault("setup", List.of())) {
      setups.put(concurrency, config.freshTokens().getOrDefault(concurrency, 0) / 2);
    }
    return setups;
  }

  private Endpoint gateway(String backend) {
    return bench.config.endpoints(backend).stream().filter(e -> e.target().equals(Endpoint.GATEWAY)).findFirst().orElseThrow();
  }
}
