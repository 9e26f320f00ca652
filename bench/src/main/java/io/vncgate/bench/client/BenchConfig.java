package io.vncgate.bench.client;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code bench/run.sh} tells the load generator (one JSON file): the profile's durations
 * and points, where the backends, the gateway and the websockify instances listen, the tokens,
 * and the pid of every process whose CPU and memory are measured.
 *
 * @param profile     {@code full} or {@code short}
 * @param scenarios   which scenarios run, in this order
 * @param warmupMillis before each measurement, with the load already running
 * @param measureMillis length of each measurement
 * @param jitWarmupMillis length of each unrecorded step of the JIT warm-up ({@link Warmup})
 * @param ticksPerSecond {@code getconf CLK_TCK}
 * @param points      scenario → connection counts (or concurrency, for setup)
 * @param upstreamFrameBytes payload of each upstream frame (and raw TCP write)
 * @param pingBytes   size of each ping-pong message
 * @param idle        sessions to hold on the gateway and on websockify, and for how long
 * @param backendPorts push, echo, sink and control ports
 * @param gatewayPort the gateway's HTTP/WebSocket port
 * @param gatewayPath the WebSocket path
 * @param tokens      backend → token for the host registered for it
 * @param websockifyPorts backend → the port of the websockify that forwards to it
 * @param pids        process name → pid (gateway, token, registry, redis, backend, websockify-push, …)
 * @param meta        machine and versions, written as the results file's first line
 */
public record BenchConfig(String profile, List<String> scenarios, long warmupMillis, long measureMillis, long jitWarmupMillis,
                          double ticksPerSecond,
                          Map<String, List<Integer>> points, int upstreamFrameBytes, int pingBytes, Idle idle,
                          Map<String, Integer> backendPorts, int gatewayPort, String gatewayPath, Map<String, String> tokens,
                          Map<String, Integer> websockifyPorts, Map<String, Long> pids, JsonObject meta) {

  /** Idle capacity: sessions held through the gateway and through websockify, for {@code holdSeconds}. */
  public record Idle(int gatewaySessions, int websockifySessions, int holdSeconds) {
  }

  public static BenchConfig read(Path file) throws IOException {
    JsonObject json = new JsonObject(Files.readString(file));
    JsonObject idle = json.getJsonObject("idle");
    JsonObject gateway = json.getJsonObject("gateway");
    Map<String, List<Integer>> points = new LinkedHashMap<>();
    json.getJsonObject("points").forEach(e -> points.put(e.getKey(), ints((JsonArray) e.getValue())));
    return new BenchConfig(
      json.getString("profile"),
      json.getJsonArray("scenarios").stream().map(Object::toString).toList(),
      json.getLong("warmupMillis"),
      json.getLong("measureMillis"),
      json.getLong("jitWarmupMillis", 0L),
      json.getDouble("clkTck", 100.0),
      points,
      json.getInteger("upstreamFrameBytes"),
      json.getInteger("pingBytes"),
      new Idle(idle.getInteger("gatewaySessions"), idle.getInteger("websockifySessions"), idle.getInteger("holdSeconds")),
      intMap(json.getJsonObject("backend")),
      gateway.getInteger("port"),
      gateway.getString("path"),
      stringMap(gateway.getJsonObject("tokens")),
      intMap(json.getJsonObject("websockify")),
      longMap(json.getJsonObject("pids")),
      json.getJsonObject("meta", new JsonObject()));
  }

  /** Raw TCP, the gateway and websockify in front of one backend, in the order they are measured. */
  public List<Endpoint> endpoints(String backend) {
    String gatewayOrigin = "http://127.0.0.1:" + gatewayPort;
    int websockify = websockifyPorts.get(backend);
    return List.of(
      new Endpoint(Endpoint.RAW, backend, backendPorts.get(backend), null, null, null),
      new Endpoint(Endpoint.GATEWAY, backend, gatewayPort, gatewayPath + "?token=" + tokens.get(backend), gatewayOrigin, "gateway"),
      new Endpoint(Endpoint.WEBSOCKIFY, backend, websockify, "/", "http://127.0.0.1:" + websockify, "websockify-" + backend));
  }

  private static List<Integer> ints(JsonArray array) {
    return array.stream().map(v -> ((Number) v).intValue()).toList();
  }

  private static Map<String, Integer> intMap(JsonObject json) {
    Map<String, Integer> map = new LinkedHashMap<>();
    json.forEach(e -> {
      if (e.getValue() instanceof Number n) {
        map.put(e.getKey(), n.intValue());
      }
    });
    return map;
  }

  private static Map<String, Long> longMap(JsonObject json) {
    Map<String, Long> map = new LinkedHashMap<>();
    json.forEach(e -> map.put(e.getKey(), ((Number) e.getValue()).longValue()));
    return map;
  }

  private static Map<String, String> stringMap(JsonObject json) {
    Map<String, String> map = new LinkedHashMap<>();
    json.forEach(e -> map.put(e.getKey(), e.getValue().toString()));
    return map;
  }
}
