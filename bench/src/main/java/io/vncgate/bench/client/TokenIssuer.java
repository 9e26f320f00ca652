package io.vncgate.bench.client;

import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
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
    Batch batch = new Batch(hostId, count);
    List<CompletableFuture<Void>> lanes = new ArrayList<>();
    for (int i = 0; i < IN_FLIGHT; i++) {
      CompletableFuture<Void> lane = new CompletableFuture<>();
      batch.lane(lane);
      lanes.add(lane);
    }
    try {
      CompletableFuture.allOf(lanes.toArray(CompletableFuture[]::new)).get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("issuing tokens failed", e.getCause());
    }
    List<String> tokens = Arrays.stream(batch.issued).filter(Objects::nonNull).toList();
    double seconds = (System.nanoTime() - started) / 1e9;
    if (batch.failures.total() > 0) {
      LOG.error("{} of {} token requests failed: {}", batch.failures.total(), count, batch.failures.toJson().orElseThrow().encode());
    }
    return new Issued(tokens, batch.failures, batch.retries.get(), seconds);
  }

  /** The tokens of one {@link #issue} call, asked for by {@value #IN_FLIGHT} request chains. */
  private final class Batch {

    final String hostId;
    final String[] issued;
    final Failures failures = new Failures();
    final AtomicLong retries = new AtomicLong();
    final AtomicInteger next = new AtomicInteger();

    Batch(String hostId, int count) {
      this.hostId = hostId;
      this.issued = new String[count];
    }

    /** Asks for the next index's token, and on its answer for the next one, until none is left; then completes {@code done}. */
    void lane(CompletableFuture<Void> done) {
      int i = next.getAndIncrement();
      if (i >= issued.length) {
        done.complete(null);
        return;
      }
      String body = new JsonObject().put("hostId", hostId).put("sub", "bench-fresh-" + SUBJECTS.incrementAndGet())
        .put("ttlSeconds", TTL_SECONDS).encode();
      HttpRequest request = HttpRequest.newBuilder(tokens).timeout(Duration.ofSeconds(10))
        .header("Authorization", "Bearer " + apiKey).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
      attempt(request, 1).whenComplete((token, failure) -> {
        if (failure != null) {
          done.completeExceptionally(failure);
          return;
        }
        issued[i] = token;
        lane(done);
      });
    }

    /**
     * The token of one request, or {@code null} when all {@value #ATTEMPTS} attempts failed (the
     * last reason is counted). A failed attempt is made again a little later, off a timer.
     */
    CompletableFuture<String> attempt(HttpRequest request, int attempt) {
      return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle(TokenIssuer::outcome).thenCompose(outcome -> {
        if (outcome.token() != null) {
          return CompletableFuture.completedFuture(outcome.token());
        }
        if (attempt == ATTEMPTS) {
          failures.add(outcome.reason());
          return CompletableFuture.completedFuture(null);
        }
        retries.incrementAndGet();
        Executor later = CompletableFuture.delayedExecutor(100L * (attempt + 1), TimeUnit.MILLISECONDS);
        return CompletableFuture.supplyAsync(() -> attempt + 1, later).thenCompose(n -> attempt(request, n));
      });
    }
  }

  /** A token, or why there is none. */
  private record Outcome(String token, String reason) {
  }

  private static Outcome outcome(HttpResponse<String> response, Throwable failure) {
    if (failure != null) {
      return new Outcome(null, Failures.describe(failure instanceof CompletionException ? failure.getCause() : failure));
    }
    if (response.statusCode() != 201 && response.statusCode() != 200) {
      return new Outcome(null, "HTTP " + response.statusCode());
    }
    try {
      String token = new JsonObject(response.body()).getString("token");
      return token != null && !token.isEmpty() ? new Outcome(token, null) : new Outcome(null, "no token in the answer");
    } catch (RuntimeException e) {
      return new Outcome(null, Failures.describe(e));
    }
  }
}
