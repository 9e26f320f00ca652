package io.vncgate.bench.client;

import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tokens never seen before, for the set-up point that must not hit the token service's cache of
 * verified signatures: issued over its REST API ({@code POST /api/v1/tokens} with the run's API
 * key), {@value #IN_FLIGHT} requests at a time, each for a subject of its own, all before the
 * point starts so that issuing never competes with the measured set-ups. A request that fails is
 * retried ({@value #ATTEMPTS} attempts in all); what still fails is counted by reason and
 * reported with the point.
 */
final class TokenIssuer {

  private static final Logger LOG = LoggerFactory.getLogger(TokenIssuer.class);
  static final int IN_FLIGHT = 8;
  static final int ATTEMPTS = 3;
  /** Long enough for any run; the token service's default maximum. */
  static final int TTL_SECONDS = 3600;

  /**
   * @param tokens   the tokens issued, in the order they were asked for
   * @param failures reason → requests that failed after every attempt (empty when none did)
   * @param retries  attempts made again after a failed one
   * @param seconds  how long issuing took
   */
  record Issued(List<String> tokens, Failures failures, long retries, double seconds) {
  }

  /** Subjects stay unique over the run, as if each token were for another user. */
  private static final AtomicLong SUBJECTS = new AtomicLong();

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
    .connectTimeout(Duration.ofSeconds(5)).build();
  private final URI tokens;
  private final String apiKey;

  /**
   * @param baseUrl the token service, {@code http://127.0.0.1:PORT}
   * @param apiKey  a key the token service accepts ({@code Authorization: Bearer})
   */
  TokenIssuer(String baseUrl, String apiKey) {
    this.tokens = URI.create(baseUrl + "/api/v1/tokens");
    this.apiKey = apiKey;
  }

  /** The issuer of this run: the token service from the config, the key from {@code BENCH_TOKEN_API_KEY}. */
  static TokenIssuer of(BenchConfig config) {
    String key = System.getenv("BENCH_TOKEN_API_KEY");
    if (config.tokenServiceUrl() == null || key == null || key.isBlank()) {
      throw new IllegalStateException("fresh tokens need the token service's URL in the config and BENCH_TOKEN_API_KEY");
    }
    return new TokenIssuer(config.tokenServiceUrl(), key);
  }

  /** Issues {@code count} tokens for {@code hostId}; returns those that were issued (fewer if requests failed). */
  Issued issue(String hostId, int count) throws InterruptedException {
    long started = System.nanoTime();
    String[] issued = new String[count];
    Failures failures = new Failures();
    AtomicLong retries = new AtomicLong();
    AtomicInteger next = new AtomicInteger();
    ExecutorService workers = Executors.newFixedThreadPool(IN_FLIGHT, r -> {
      Thread thread = new Thread(r, "token-issuer");
      thread.setDaemon(true);
      return thread;
    });
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int w = 0; w < IN_FLIGHT; w++) {
        running.add(workers.submit(() -> {
          for (int i = next.getAndIncrement(); i < count && !Thread.currentThread().isInterrupted(); i = next.getAndIncrement()) {
            issued[i] = issueOne(hostId, failures, retries);
          }
          return null;
        }));
      }
      for (Future<?> worker : running) {
        worker.get();
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("issuing tokens failed", e.getCause());
    } finally {
      workers.shutdownNow();
    }
    List<String> tokens = new ArrayList<>(count);
    for (String token : issued) {
      if (token != null) {
        tokens.add(token);
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    if (failures.total() > 0) {
      LOG.error("{} of {} token requests failed: {}", failures.total(), count, failures.toJson().orElseThrow().encode());
    }
    return new Issued(Collections.unmodifiableList(tokens), failures, retries.get(), seconds);
  }

  /** One token, or {@code null} when every attempt failed (the last reason is counted). */
  private String issueOne(String hostId, Failures failures, AtomicLong retries) throws InterruptedException {
    String body = new JsonObject().put("hostId", hostId).put("sub", "bench-fresh-" + SUBJECTS.incrementAndGet())
      .put("ttlSeconds", TTL_SECONDS).encode();
    HttpRequest request = HttpRequest.newBuilder(tokens).timeout(Duration.ofSeconds(10))
      .header("Authorization", "Bearer " + apiKey).header("Content-Type", "application/json")
      .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    String reason = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      if (attempt > 1) {
        retries.incrementAndGet();
        Thread.sleep(100L * attempt);
      }
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 201 || response.statusCode() == 200) {
          String token = new JsonObject(response.body()).getString("token");
          if (token != null && !token.isEmpty()) {
            return token;
          }
          reason = "no token in the answer";
        } else {
          reason = "HTTP " + response.statusCode();
        }
      } catch (IOException | RuntimeException e) {
        reason = Failures.describe(e);
      }
    }
    failures.add(reason);
    return null;
  }
}
