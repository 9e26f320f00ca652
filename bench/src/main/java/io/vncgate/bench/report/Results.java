package io.vncgate.bench.report;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/** A results file: the run's meta line and its result lines, looked up by scenario, target and point. */
public final class Results {

  private final JsonObject meta;
  private final List<JsonObject> lines;

  public Results(JsonObject meta, List<JsonObject> lines) {
    this.meta = meta;
    this.lines = lines;
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

  public List<JsonObject> lines() {
    return lines;
  }

  /** The result of one target at one point, if it was measured. */
  public Optional<JsonObject> find(String scenario, String target, int connections) {
    return lines.stream().filter(l -> scenario.equals(l.getString("scenario")) && target.equals(l.getString("target"))
      && l.getInteger("connections", -1) == connections).findFirst();
  }

  /** The one result of a target in a scenario whatever its point (idle holds a different N per target). */
  public Optional<JsonObject> find(String scenario, String target) {
    return lines.stream().filter(l -> scenario.equals(l.getString("scenario")) && target.equals(l.getString("target"))).findFirst();
  }

  /** One figure of one target at one point, or {@code null}. */
  public Double value(String scenario, String target, int connections, String field) {
    return find(scenario, target, connections).map(l -> l.getValue(field)).filter(v -> v instanceof Number)
      .map(v -> ((Number) v).doubleValue()).orElse(null);
  }

  /**
   * Points measured while more than {@code cores} CPU was busy outside the run's processes
   * (another job on the machine): "scenario ×N target (other X cores)".
   */
  public List<String> disturbed(double cores) {
    return lines.stream().filter(l -> l.getJsonObject("cores") != null && l.getJsonObject("cores").getDouble("other", 0.0) > cores)
      .map(l -> l.getString("scenario") + " ×" + l.getInteger("connections") + " " + l.getString("target")
        + " (other " + l.getJsonObject("cores").getDouble("other") + " cores)").toList();
  }

  /** The points measured in a scenario, ascending. */
  public List<Integer> points(String scenario) {
    TreeSet<Integer> points = new TreeSet<>();
    lines.stream().filter(l -> scenario.equals(l.getString("scenario"))).forEach(l -> points.add(l.getInteger("connections")));
    return List.copyOf(points);
  }
}
