package io.vncgate.bench.client;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code bench/run.sh} tells the load generator (one JSON file): the profile's durations
 * and points, where the backends, the gateway, the token service and the websockify instances
 * listen, the tokens, and the pid of every process whose CPU and memory are measured. The token
 * service's API key is not in the file: the client reads it from {@code BENCH_TOKEN_API_KEY}.
 *
 * @param profile     {@code full} or {@code short}
 * @param scenarios   which scenarios run, in this order
 * @param warmupMillis before each measurement, with the load already running
 * @param measureMillis length of each measurement
 * @param jitWarmupMillis length of each unrecorded step of the JIT warm-up ({@link Warmup})
 * @param ticksPerSecond {@code getconf CLK_TCK}
 * @param repetitions how many times each throughput, ping-pong and set-up point is measured against each
 *                    endpoint, the endpoints taking turns (the report keeps each point's median)
 * @param points      scenario → connection counts (or concurrency, for setup)
 * @param upstreamFrameBytes payload of each upstream frame (and raw TCP write)
 * @param pingBytes   size of each ping-pong message
 * @param idle        sessions to hold on the gateway and on websockify, and for how long
 * @param backendPorts push, echo, sink and control ports
 * @param gatewayPort the gateway's HTTP/WebSocket port
 * @param gatewayPath the WebSocket path
 * @param tokens      backend → token for the host registered for it (reused by every session)
 * @param freshTokens setup concurrency → how many tokens the fresh-token point at that concurrency
 *                    issues before it starts (each opens one session); empty = no such point
 * @param tokenServiceUrl the token service's base URL ({@code http://127.0.0.1:PORT}), or {@code null}
 * @param websockifyPorts backend → the port of the websockify that forwards to it
 * @param pids        process name → pid (gateway, token, registry, redis, backend, websockify-push, …)
 * @param meta        machine and versions, written as the results file's first line
 */
public record BenchConfig(String profile, List<String> scenarios, long warmupMillis, long measureMillis, long jitWarmupMillis,
                          double ticksPerSecond, int repetitions,
                          Map<String, List<Integer>> points, int upstreamFrameBytes, int pingBytes, Idle idle,
                          Map<String, Integer> backendPorts, int gatewayPort, String gatewayPath, Map<String, String> tokens,
                          Map<Integer, Integer> freshTokens, String tokenServiceUrl, Map<String, Integer> websockifyPorts,
                          Map<String, Long> pids, JsonObject meta) {

  /** Idle capacity: sessions held through the gateway and through websockify, for {@code holdSeconds}. */
  public record Idle(int gatewaySessions, int websockifySessions, int holdSeconds) {
  }

  public static BenchConfig read(Path file) throws IOException {
    JsonObject json = new JsonObject(Files.readString(file));
    JsonObject idle = json.getJsonObject("idle");
    JsonObject gateway = json.getJsonObject("gateway");
    Map<String, List<Integer>> points = new LinkedHashMap<>();
    json.getJsonObject("points").forEach(e -> points.put(e.getKey(), ints((JsonArray) e.getValue())));
    Map<Integer, Integer> freshTokens = new TreeMap<>();
    json.getJsonObject("freshTokens", new JsonObject())
      .forEach(e -> freshTokens.put(Integer.parseInt(e.getKey()), ((Number) e.getValue()).intValue()));
    return new BenchConfig(
      json.getString("profile"),
      json.getJsonArray("scenarios").stream().map(Object::toString).toList(),
      json.getLong("warmupMillis"),
      json.getLong("measureMillis"),
      json.getLong("jitWarmupMillis", 0L),
      json.getDouble("clkTck", 100.0),
      json.getInteger("repetitions", 1),
      points,
      json.getInteger("upstreamFrameBytes"),
      json.getInteger("pingBytes"),
      new Idle(idle.getInteger("gatewaySessions"), idle.getInteger("websockifySessions"), idle.getInteger("holdSeconds")),
      intMap(json.getJsonObject("backend")),
      gateway.getInteger("port"),
      gateway.getString("path"),
      stringMap(gateway.getJsonObject("tokens")),
      freshTokens,
      json.getJsonObject("tokenService", new JsonObject()).getString("url"),
      intMap(json.getJsonObject("websockify")),
      longMap(json.getJsonObject("pids")),
      json.getJsonObject("meta", new JsonObject()));
  }

  /** The gateway in front of one backend, opened with {@code token} instead of the backend's reused one. */
  public Endpoint gatewayWith(String backend, String token) {
    return new Endpoint(Endpoint.GATEWAY, backend, gatewayPort, gatewayPath + "?token=" + token, "http://127.0.0.1:" + gatewayPort,
      "gateway");
  }

  /** Raw TCP, the gateway and websockify in front of one backend, in the order they are measured. */
  public List<Endpoint> endpoints(String backend) {
    int websockify = websockifyPorts.get(backend);
    return List.of(
      new Endpoint(Endpoint.RAW, backend, backendPorts.get(backend), null, null, null),
      gatewayWith(backend, tokens.get(backend)),
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
