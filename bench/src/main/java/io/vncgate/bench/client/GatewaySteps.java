package io.vncgate.bench.client;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the gateway's set-up time goes, from its own Prometheus histogram
 * {@code vncgate_handshake_seconds{step}} (verify, resolve, connect, total): the mean of each
 * step between two scrapes. It explains a slow set-up without guessing.
 */
final class GatewaySteps {

  private static final Pattern LINE = Pattern.compile("^vncgate_handshake_seconds_(sum|count)\\{[^}]*step=\"(\\w+)\"[^}]*} ([0-9.eE+-]+)$");

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final URI metrics;

  GatewaySteps(int port) {
    this.metrics = URI.create("http://127.0.0.1:" + port + "/metrics");
  }

  /** step → {sum of seconds, count}; empty when the gateway does not answer. */
  Map<String, double[]> scrape() {
    Map<String, double[]> steps = new HashMap<>();
    try {
      String body = http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
      for (String line : body.split("\n")) {
        Matcher m = LINE.matcher(line);
        if (m.matches()) {
          steps.computeIfAbsent(m.group(2), k -> new double[2])[m.group(1).equals("sum") ? 0 : 1] += Double.parseDouble(m.group(3));
        }
      }
    } catch (IOException e) {
      return Map.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Map.of();
    }
    return steps;
  }

  /** Mean microseconds of each step between the two scrapes. */
  static JsonObject means(Map<String, double[]> from, Map<String, double[]> to) {
    JsonObject means = new JsonObject();
    to.forEach((step, now) -> {
      double[] before = from.getOrDefault(step, new double[2]);
      double count = now[1] - before[1];
      if (count > 0) {
        means.put(step, Bench.round1((now[0] - before[0]) / count * 1e6));
      }
    });
    return means;
  }
}
