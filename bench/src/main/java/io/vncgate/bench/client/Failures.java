package io.vncgate.bench.client;

import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;

/** Why connections did not open, counted by reason ("close 4429 too many sessions", "timeout", …). */
final class Failures {

  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

  void add(Throwable failure) {
    add(describe(failure));
  }

  void add(String reason) {
    counts.computeIfAbsent(reason, k -> new LongAdder()).increment();
  }

  long total() {
    return counts.values().stream().mapToLong(LongAdder::sum).sum();
  }

  Optional<JsonObject> toJson() {
    if (counts.isEmpty()) {
      return Optional.empty();
    }
    JsonObject json = new JsonObject();
    new TreeMap<>(counts).forEach((reason, n) -> json.put(reason, n.sum()));
    return Optional.of(json);
  }

  /** The reasons the handlers' connections failed to open, if any did. */
  static Optional<JsonObject> of(List<? extends BenchHandler> handlers) {
    Failures failures = new Failures();
    for (BenchHandler handler : handlers) {
      handler.opened().handle((v, err) -> {
        if (err != null) {
          failures.add(err);
        }
        return null;
      });
    }
    return failures.toJson();
  }

  static String describe(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof BenchHandler.Refused refused) {
      return "close " + refused.getMessage();
    }
    if (cause instanceof TimeoutException) {
      return "timeout";
    }
    String message = cause.getMessage();
    return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message.replaceAll("/127\\.0\\.0\\.1:\\d+", ""));
  }
}
