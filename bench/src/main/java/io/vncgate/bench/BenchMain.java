package io.vncgate.bench;

import io.vncgate.bench.backend.BackendServer;
import io.vncgate.bench.client.BenchClient;
import io.vncgate.bench.report.Summary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;

/**
 * {@code java -jar bench.jar <command>}: the processes of a bench run, started by
 * {@code bench/run.sh}, which also starts the vncgate jars and websockify.
 *
 * <ul>
 *   <li>{@code backend PORTS-FILE}: the push, echo and sink TCP servers and their control port;</li>
 *   <li>{@code client CONFIG RESULTS}: the load generator, which runs every scenario against raw
 *       TCP, the gateway and websockify and appends one JSON line per result;</li>
 *   <li>{@code summary RESULTS [MARKDOWN]}: prints the table with ratios and target checks, and
 *       writes the Markdown report when a path is given.</li>
 * </ul>
 */
public final class BenchMain {

  private static final Logger LOG = LoggerFactory.getLogger(BenchMain.class);

  private BenchMain() {
  }

  public static void main(String[] args) throws Exception {
    String command = args.length == 0 ? "" : args[0];
    String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
    switch (command) {
      case "backend" -> BackendServer.main(rest);
      case "client" -> BenchClient.main(rest);
      case "summary" -> Summary.main(rest);
      default -> {
        LOG.error("usage: java -jar bench.jar backend PORTS-FILE | client CONFIG RESULTS | summary RESULTS [MARKDOWN]");
        System.exit(2);
      }
    }
  }
}
