package io.vncgate.bench.report;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class ResultsTest {

  private final List<JsonObject> lines = new ArrayList<>();

  private JsonObject add(String scenario, String target, int connections, int repetition, String figure, long value) {
    JsonObject line = new JsonObject().put("scenario", scenario).put("target", target).put("backend", "push")
      .put("connections", connections).put(figure, value).put("cpuSecondsPerGB", value / 1000.0);
    if (repetition > 0) {
      line.put("repetition", repetition);
    }
    lines.add(line);
    return line;
  }

  @Test
  void repetitionsFoldIntoTheirMedianLineWhole() {
    add("downstream", "raw", 10, 1, "bytesPerSecond", 900);
    add("downstream", "gateway", 10, 1, "bytesPerSecond", 700);
    add("downstream", "raw", 10, 2, "bytesPerSecond", 300);
    JsonObject middle = add("downstream", "gateway", 10, 2, "bytesPerSecond", 500);
    add("downstream", "raw", 10, 3, "bytesPerSecond", 600);
    add("downstream", "gateway", 10, 3, "bytesPerSecond", 100);

    Results results = new Results(new JsonObject(), lines);

    assertEquals(2, results.lines().size(), "one line per target and point");
    assertEquals(6, results.measured().size(), "every repetition kept as measured");
    JsonObject gateway = results.find("downstream", "gateway", 10).orElseThrow();
    assertEquals(middle.getLong("bytesPerSecond"), gateway.getLong("bytesPerSecond"));
    assertEquals(middle.getDouble("cpuSecondsPerGB"), gateway.getDouble("cpuSecondsPerGB"), "figures of the same window");
    assertEquals(new JsonArray().add(700L).add(500L).add(100L), gateway.getJsonArray("repetitionValues"));
    assertEquals(600.0, results.value("downstream", "raw", 10, "bytesPerSecond"));
  }

  @Test
  void anEvenCountTakesTheLowerMiddleAndUnrepeatedLinesStayAsTheyAre() {
    add("pingpong", "gateway", 100, 1, "msgsPerSecond", 40);
    add("pingpong", "gateway", 100, 2, "msgsPerSecond", 10);
    add("pingpong", "gateway", 100, 3, "msgsPerSecond", 30);
    add("pingpong", "gateway", 100, 4, "msgsPerSecond", 20);
    add("pingpong", "gateway", 1, 1, "msgsPerSecond", 77);
    JsonObject setup = add("setup", "gateway", 32, 0, "sessionsPerSecond", 2000);

    Results results = new Results(new JsonObject(), lines);

    assertEquals(20.0, results.value("pingpong", "gateway", 100, "msgsPerSecond"));
    assertEquals(77.0, results.value("pingpong", "gateway", 1, "msgsPerSecond"), "points fold apart");
    JsonObject unrepeated = results.find("setup", "gateway", 32).orElseThrow();
    assertEquals(setup, unrepeated);
    assertFalse(unrepeated.containsKey("repetitionValues"));
    assertEquals(List.of("pingpong", "pingpong", "setup"), results.lines().stream().map(l -> l.getString("scenario")).toList(),
      "in the order first measured");
  }
}
