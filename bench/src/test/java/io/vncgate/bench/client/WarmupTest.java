package io.vncgate.bench.client;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WarmupTest {

  private static BenchConfig config(List<Integer> setupPoints, Map<Integer, Integer> freshTokens) {
    return new BenchConfig("full", List.of("warmup", "setup"), 2000, 10000, 5000, 100.0, 3, Map.of("setup", setupPoints), 1024, 64,
      new BenchConfig.Idle(1, 1, 1), Map.of(), 0, "/websockify", Map.of(), freshTokens, null, Map.of(), Map.of(), new JsonObject());
  }

  @Test
  void everyMeasuredConcurrencyIsWarmedInOrderWithHalfItsFreshTokens() {
    Map<Integer, Integer> fresh = new TreeMap<>(Map.of(1, 4001, 32, 10000));
    Map<Integer, Integer> setups = Warmup.setups(config(List.of(32, 1), fresh));
    assertEquals(List.of(32, 1), List.copyOf(setups.keySet()), "the set-up scenario's order");
    assertEquals(fresh.get(32) / 2, setups.get(32));
    assertEquals(fresh.get(1) / 2, setups.get(1));
  }

  @Test
  void aConcurrencyWithoutAFreshTokenPointIsWarmedWithTheReusedTokenOnly() {
    Map<Integer, Integer> fresh = Map.of(1, 50);
    Map<Integer, Integer> setups = Warmup.setups(config(List.of(1, 8), fresh));
    assertEquals(0, setups.get(8));
    assertEquals(fresh.get(1) / 2, setups.get(1));
  }
}
