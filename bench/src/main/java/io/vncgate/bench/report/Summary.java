package io.vncgate.bench.report;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code bench.jar summary RESULTS [MARKDOWN]}: prints every figure beside raw TCP and websockify
 * with the gateway's ratios, then the target checks; writes the Markdown report when asked. It
 * never fails on a missed target: the bench measures, CI only shows the figures.
 */
public final class Summary {

  private static final Logger LOG = LoggerFactory.getLogger(Summary.class);
  /** The results table, printed without a log prefix (see logback.xml). */
  private static final Logger TABLE = LoggerFactory.getLogger("vncgate.bench.table");
  /** Busy cores outside the run's processes above which a point is reported as disturbed (loopback softirqs stay below). */
  static final double DISTURBED_CORES = 0.25;

  private Summary() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 1 || args.length > 2) {
      throw new IllegalArgumentException("usage: summary RESULTS [MARKDOWN]");
    }
    Path file = Path.of(args[0]);
    Results results = Results.read(file);
    List<Row> rows = Row.of(results);
    List<Targets.Check> checks = Targets.check(results);
    // The table is this command's output (the CI log shows it): its own logger prints it as it is.
    TABLE.info("{}", text(rows, checks).stripTrailing());
    List<String> disturbed = results.disturbed(DISTURBED_CORES);
    if (!disturbed.isEmpty()) {
      LOG.warn("something outside the run used the CPU during {}", String.join(", ", disturbed));
    }
    if (args.length == 2) {
      Path markdown = Path.of(args[1]);
      Files.writeString(markdown, MarkdownReport.render(results, rows, checks, file), StandardCharsets.UTF_8);
      LOG.info("wrote {}", markdown);
    }
  }

  static String text(List<Row> rows, List<Targets.Check> checks) {
    StringBuilder out = new StringBuilder();
    String format = "%-20s %-11s %-28s %12s %12s %12s %9s %9s %s%n";
    out.append(String.format(Locale.ROOT, format, "scenario", "point", "metric", "raw TCP", "gateway", "websockify",
      "gw/raw", "gw/wsfy", "beats wsfy"));
    for (Row row : rows) {
      Boolean beats = row.beatsWebsockify();
      out.append(String.format(Locale.ROOT, format, row.scenario(), row.point(), shorten(row.metric(), 28), row.show(row.raw()),
        row.show(row.gateway()), row.show(row.websockify()), Row.ratioText(row.gatewayToRaw()),
        Row.ratioText(row.gatewayToWebsockify()), beats == null ? "" : beats ? "yes" : "NO"));
    }
    if (rows.stream().anyMatch(row -> row.scenario().equals(Row.SETUP_FRESH))) {
      out.append("(setup: raw TCP and websockify have no token; their figures repeat on the fresh-token rows)")
        .append(System.lineSeparator());
    }
    out.append(System.lineSeparator()).append("targets:").append(System.lineSeparator());
    for (Targets.Check check : checks) {
      out.append(String.format(Locale.ROOT, "  [%s] %s — %s%n", check.holds() ? "holds" : "MISSED", check.target(), check.actual()));
    }
    return out.toString();
  }

  private static String shorten(String text, int width) {
    return text.length() <= width ? text : text.substring(0, width - 1) + "…";
  }
}
