package io.vncgate.bench.client;

import io.vertx.core.json.JsonObject;
import io.vncgate.bench.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.Map;

/**
 * {@code bench.jar client CONFIG RESULTS}: runs the configured scenarios, each point against raw
 * TCP, the gateway and websockify in turn, and appends one JSON line per result to RESULTS (the
 * first line describes the run: machine, versions, settings).
 */
public final class BenchClient {

  private static final Logger LOG = LoggerFactory.getLogger(BenchClient.class);

  private BenchClient() {
  }

  /**
   * Set-up concurrency → tokens, as JSON: for {@code freshTokens} those issued for each
   * fresh-token point, for {@code jitWarmupSetups} those the warm-up uses after its reused-token
   * step at that concurrency.
   */
  private static JsonObject byConcurrency(Map<Integer, Integer> tokens) {
    JsonObject json = new JsonObject();
    tokens.forEach((concurrency, count) -> json.put(Integer.toString(concurrency), count));
    return json;
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: client CONFIG RESULTS");
    }
    BenchConfig config = BenchConfig.read(Path.of(args[0]));
    try (Bench bench = new Bench(config, Path.of(args[1]))) {
      bench.write(new JsonObject().put("run", Path.of(args[1]).getFileName().toString().replaceFirst("\\.jsonl$", ""))
        .put("profile", config.profile()).put("scenario", "meta").put("meta", config.meta()
          .put("warmupMillis", config.warmupMillis()).put("measureMillis", config.measureMillis())
          .put("jitWarmupMillis", config.jitWarmupMillis()).put("repetitions", config.repetitions())
          .put("freshTokens", byConcurrency(config.freshTokens())).put("jitWarmupSetups", byConcurrency(Warmup.setups(config)))
          .put("upstreamFrameBytes", config.upstreamFrameBytes()).put("pingBytes", config.pingBytes())
          .put("idle", new JsonObject().put("gatewaySessions", config.idle().gatewaySessions())
            .put("websockifySessions", config.idle().websockifySessions()).put("holdSeconds", config.idle().holdSeconds()))
          .put("clientTransport", Transport.name())));
      bench.settle();
      for (String scenario : config.scenarios()) {
        long started = System.nanoTime();
        LOG.info("scenario {}", scenario);
        switch (scenario) {
          case "idle" -> new IdleScenario(bench).run();
          case "warmup" -> new Warmup(bench).run();
          case "setup" -> new SetupScenario(bench).run();
          case "pingpong" -> new PingPongScenario(bench).run();
          case "downstream" -> new ThroughputScenario(bench).downstream();
          case "upstream" -> new ThroughputScenario(bench).upstream();
          default -> throw new IllegalArgumentException("unknown scenario " + scenario);
        }
        LOG.info("scenario {} took {} s", scenario, (System.nanoTime() - started) / 1_000_000_000);
      }
    }
  }
}
