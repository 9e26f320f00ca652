package io.vncgate.bench.report;

import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * One figure of the table: raw TCP, the gateway and websockify side by side, with the gateway's
 * ratios to each and whether it beats websockify.
 *
 * @param scenario       downstream, upstream, pingpong, {@value #SETUP_REUSED}, {@value #SETUP_FRESH} or idle
 * @param point          connections, concurrency or held sessions, as shown
 * @param metric         what is measured, with its unit
 * @param raw            raw TCP's figure, or {@code null}
 * @param gateway        the gateway's
 * @param websockify     websockify's
 * @param higherIsBetter throughput yes, latency, CPU and memory no
 * @param tieBeats       whether an equal figure counts as beating websockify (100 % of sessions alive)
 * @param format         how a figure is shown
 */
public record Row(String scenario, String point, String metric, Double raw, Double gateway, Double websockify,
                  boolean higherIsBetter, boolean tieBeats, DoubleFunction<String> format) {

  /** Set-up with the one token per backend reused by every session (the token service's cache answers after the first). */
  public static final String SETUP_REUSED = "setup (reused token)";
  /** Set-up with a token never used before per session; raw TCP and websockify show their set-up at the same concurrency. */
  public static final String SETUP_FRESH = "setup (fresh token)";

  public Double gatewayToRaw() {
    return ratio(gateway, raw);
  }

  public Double gatewayToWebsockify() {
    return ratio(gateway, websockify);
  }

  /** Whether the gateway's figure is better than websockify's; {@code null} when either is missing. */
  public Boolean beatsWebsockify() {
    if (gateway == null || websockify == null) {
      return null;
    }
    if (tieBeats && gateway.equals(websockify)) {
      return true;
    }
    return higherIsBetter ? gateway > websockify : gateway < websockify;
  }

  public String show(Double value) {
    return value == null ? "—" : format.apply(value);
  }

  static String ratioText(Double ratio) {
    return ratio == null ? "—" : String.format(Locale.ROOT, ratio >= 100 ? "%.0f×" : ratio >= 10 ? "%.1f×" : "%.2f×", ratio);
  }

  private static Double ratio(Double a, Double b) {
    return a == null || b == null || b == 0 ? null : a / b;
  }

  /** Every row of a run, in the order of the report. */
  public static List<Row> of(Results r) {
    List<Row> rows = new ArrayList<>();
    for (int n : r.points("downstream")) {
      rows.add(row(r, "downstream", n, "throughput (MB/s)", "bytesPerSecond", true, Row::megabytes));
      rows.add(row(r, "downstream", n, "relay CPU (s/GB)", "cpuSecondsPerGB", false, v -> fixed(v, 2)));
    }
    for (int n : r.points("upstream")) {
      rows.add(row(r, "upstream", n, "throughput (MB/s)", "bytesPerSecond", true, Row::megabytes));
      rows.add(row(r, "upstream", n, "relay CPU (s/GB)", "cpuSecondsPerGB", false, v -> fixed(v, 2)));
    }
    for (int n : r.points("pingpong")) {
      rows.add(row(r, "pingpong", n, "messages/s", "msgsPerSecond", true, v -> fixed(v, 0)));
      rows.add(row(r, "pingpong", n, "p50 (µs)", "p50Micros", false, v -> fixed(v, 1)));
      rows.add(row(r, "pingpong", n, "p99 (µs)", "p99Micros", false, v -> fixed(v, 1)));
      rows.add(row(r, "pingpong", n, "p99.9 (µs)", "p999Micros", false, v -> fixed(v, 1)));
    }
    for (int n : r.points("setup")) {
      for (boolean fresh : new boolean[] {false, true}) {
        if (fresh && r.find("setup", "gateway", n, true).isEmpty()) {
          continue;
        }
        rows.add(setupRow(r, n, fresh, "sessions/s", "sessionsPerSecond", true, v -> fixed(v, 0)));
        rows.add(setupRow(r, n, fresh, "p50 to first byte (µs)", "p50Micros", false, v -> fixed(v, 1)));
        rows.add(setupRow(r, n, fresh, "p99 to first byte (µs)", "p99Micros", false, v -> fixed(v, 1)));
      }
    }
    r.find("idle", "gateway").ifPresent(gw -> {
      var ws = r.find("idle", "websockify");
      String point = gw.getInteger("connections") + ws.map(w -> " / " + w.getInteger("connections")).orElse("");
      rows.add(new Row("idle", point, "alive after hold (%)", null, alivePercent(gw),
        ws.map(Row::alivePercent).orElse(null), true, true, v -> fixed(v, 1)));
      rows.add(new Row("idle", point, "memory per session (KiB; gateway RSS, websockify PSS)", null,
        gw.getDouble("rssPerSessionKiB"), ws.map(w -> w.getDouble("pssPerSessionKiB")).orElse(null), false, false,
        v -> fixed(v, 1)));
      if (gw.containsKey("heapPerSessionKiB")) {
        rows.add(new Row("idle", point, "live heap per session (KiB)", null, gw.getDouble("heapPerSessionKiB"), null,
          false, false, v -> fixed(v, 1)));
      }
    });
    return rows;
  }

  private static Row row(Results r, String scenario, int n, String metric, String field, boolean higher, DoubleFunction<String> format) {
    return new Row(scenario, Integer.toString(n), metric, r.value(scenario, "raw", n, field), r.value(scenario, "gateway", n, field),
      r.value(scenario, "websockify", n, field), higher, false, format);
  }

  /**
   * A set-up figure: the gateway's from the reused-token or the fresh-token point; raw TCP and
   * websockify have no token, so both rows show their one set-up figure at that concurrency.
   */
  private static Row setupRow(Results r, int n, boolean fresh, String metric, String field, boolean higher,
                              DoubleFunction<String> format) {
    return new Row(fresh ? SETUP_FRESH : SETUP_REUSED, Integer.toString(n), metric, r.value("setup", "raw", n, field),
      r.value("setup", "gateway", n, fresh, field), r.value("setup", "websockify", n, field), higher, false, format);
  }

  static Double alivePercent(JsonObject idle) {
    int requested = idle.getInteger("connections");
    return requested == 0 ? null : 100.0 * idle.getLong("alive", 0L) / requested;
  }

  static String megabytes(double bytesPerSecond) {
    return fixed(bytesPerSecond / 1e6, 1);
  }

  static String fixed(double value, int decimals) {
    return String.format(Locale.ROOT, "%,." + decimals + "f", value);
  }
}
