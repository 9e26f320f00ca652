package io.vncgate.bench.report;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A results file: the run's meta line and its result lines, looked up by scenario, target and
 * point (a point measured several times by its median repetition). The set-up points with a fresh token per session ({@code "tokens":"fresh"}) are a series
 * of their own: {@link #find(String, String, int)} and {@link #value} never return them, the
 * variants with {@code fresh} do.
 */
public final class Results {

  /** The {@code tokens} value of a set-up point whose every session had a token never used before. */
  public static final String FRESH = "fresh";

  /** A point's main figure, by which its repetitions are ranked: the first of these a line has. */
  private static final List<String> MAIN_FIGURES = List.of("bytesPerSecond", "msgsPerSecond", "sessionsPerSecond");

  private final JsonObject meta;
  private final List<JsonObject> measured;
  private final List<JsonObject> lines;

  public Results(JsonObject meta, List<JsonObject> measured) {
    this.meta = meta;
    this.measured = measured;
    this.lines = medians(measured);
  }

  public static Results read(Path file) throws IOException {
    List<JsonObject> all = Files.readAllLines(file).stream().filter(l -> !l.isBlank()).map(JsonObject::new).toList();
    JsonObject meta = all.stream().filter(l -> "meta".equals(l.getString("scenario"))).findFirst()
      .map(l -> l.getJsonObject("meta", new JsonObject()).copy().put("run", l.getString("run")).put("profile", l.getString("profile")))
      .orElse(new JsonObject());
    return new Results(meta, all.stream().filter(l -> !"meta".equals(l.getString("scenario"))).toList());
  }

  public JsonObject meta() {
    return meta;
  }

  /** One line per point and target: a point measured several times is its median repetition ({@link #medians}). */
  public List<JsonObject> lines() {
    return lines;
  }

  /** Every line as measured, each repetition of a point on its own. */
  public List<JsonObject> measured() {
    return measured;
  }

  /**
   * Folds the repetitions of each point and target ({@code repetition} 1, 2, …) into one line:
   * the repetition whose main figure (throughput, message rate, set-up rate) is the median, whole, so that
   * its CPU and latency figures come from the same window as its main figure. The line keeps
   * every repetition's main figure under {@code repetitionValues}, in the order measured. With
   * an even number the lower of the two middle repetitions is taken. Lines without
   * {@code repetition} stay as they are.
   */
  static List<JsonObject> medians(List<JsonObject> lines) {
    // A line without a repetition is a group of its own (its key is a new object).
    Map<Object, List<JsonObject>> groups = new LinkedHashMap<>();
    for (JsonObject line : lines) {
      Object key = !line.containsKey("repetition") ? new Object()
        : String.join("|", line.getString("scenario"), line.getString("target"), line.getString("backend"),
          String.valueOf(line.getValue("connections")), String.valueOf(line.getValue("tokens")));
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(line);
    }
    return groups.values().stream().map(group -> group.get(0).containsKey("repetition") ? median(group) : group.get(0)).toList();
  }

  private static JsonObject median(List<JsonObject> repetitions) {
    String figure = MAIN_FIGURES.stream().filter(repetitions.get(0)::containsKey).findFirst().orElse(null);
    List<JsonObject> ranked = new ArrayList<>(repetitions);
    if (figure != null) {
      ranked.sort(Comparator.comparingDouble(l -> mainFigure(l, figure)));
    }
    JsonObject median = ranked.get((ranked.size() - 1) / 2).copy();
    if (figure != null) {
      median.put("repetitionValues", new JsonArray(repetitions.stream().map(l -> l.getValue(figure)).toList()));
    }
    return median;
  }

  private static double mainFigure(JsonObject line, String figure) {
    Object value = line.getValue(figure);
    return value instanceof Number number ? number.doubleValue() : 0.0;
  }

  /** Whether a line is a point with a fresh token per session. */
  public static boolean fresh(JsonObject line) {
    return FRESH.equals(line.getValue("tokens"));
  }

  /** "setup (fresh token)" or "setup (reused token)" for the gateway's set-up points, else the scenario. */
  public static String label(JsonObject line) {
    Object tokens = line.getValue("tokens");
    return line.getString("scenario") + (FRESH.equals(tokens) ? " (fresh token)" : "reused".equals(tokens) ? " (reused token)" : "");
  }

  /** The result of one target at one point, if it was measured (not a fresh-token point). */
  public Optional<JsonObject> find(String scenario, String target, int connections) {
    return find(scenario, target, connections, false);
  }

  /** The result of one target at one point of the fresh-token series ({@code fresh}) or of the other. */
  public Optional<JsonObject> find(String scenario, String target, int connections, boolean fresh) {
    return lines.stream().filter(l -> scenario.equals(l.getString("scenario")) && target.equals(l.getString("target"))
      && l.getInteger("connections", -1) == connections && fresh(l) == fresh).findFirst();
  }

  /** The one result of a target in a scenario whatever its point (idle holds a different N per target). */
  public Optional<JsonObject> find(String scenario, String target) {
    return lines.stream().filter(l -> scenario.equals(l.getString("scenario")) && target.equals(l.getString("target")) && !fresh(l))
      .findFirst();
  }

  /** One figure of one target at one point (not a fresh-token point), or {@code null}. */
  public Double value(String scenario, String target, int connections, String field) {
    return value(scenario, target, connections, false, field);
  }

  /** One figure of one target at one point of the fresh-token series or of the other, or {@code null}. */
  public Double value(String scenario, String target, int connections, boolean fresh, String field) {
    return find(scenario, target, connections, fresh).map(l -> l.getValue(field)).filter(v -> v instanceof Number)
      .map(v -> ((Number) v).doubleValue()).orElse(null);
  }

  /**
   * Points measured while more than {@code cores} CPU was busy outside the run's processes
   * (another job on the machine): "scenario ×N target (other X cores)".
   */
  public List<String> disturbed(double cores) {
    return lines.stream().filter(l -> l.getJsonObject("cores") != null && l.getJsonObject("cores").getDouble("other", 0.0) > cores)
      .map(l -> label(l) + " ×" + l.getInteger("connections") + " " + l.getString("target")
        + " (other " + l.getJsonObject("cores").getDouble("other") + " cores)").toList();
  }

  /** The points measured in a scenario, ascending. */
  public List<Integer> points(String scenario) {
    TreeSet<Integer> points = new TreeSet<>();
    lines.stream().filter(l -> scenario.equals(l.getString("scenario"))).forEach(l -> points.add(l.getInteger("connections")));
    return List.copyOf(points);
  }
}
