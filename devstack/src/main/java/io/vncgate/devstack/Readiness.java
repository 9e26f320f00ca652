package io.vncgate.devstack;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

/** Waits until a service answers {@code /health/ready}, or fails with the end of its log. */
final class Readiness {

  private static final Logger OUT = LoggerFactory.getLogger("vncgate.local");
  private static final long DEADLINE_MS = 90_000;

  private Readiness() {
  }

  static void await(Vertx vertx, WebClient http, ServiceProcess service) {
    long started = System.currentTimeMillis();
    Promise<Void> ready = Promise.promise();
    poll(vertx, http, service, started, ready);
    try {
      ready.future().await();
    } catch (RuntimeException e) {
      throw new IllegalStateException(service.name + " did not become ready: " + e.getMessage() + tail(service));
    }
    OUT.info("{} ready on :{} ({} ms)", service.name, service.port, System.currentTimeMillis() - started);
  }

  private static void poll(Vertx vertx, WebClient http, ServiceProcess service, long started, Promise<Void> ready) {
    if (!service.alive()) {
      ready.fail("the process exited");
      return;
    }
    if (System.currentTimeMillis() - started > DEADLINE_MS) {
      ready.fail("no answer within " + DEADLINE_MS / 1000 + " s");
      return;
    }
    http.get(service.port, "127.0.0.1", "/health/ready").send()
      .onSuccess(response -> {
        if (response.statusCode() == 200) {
          ready.complete();
        } else {
          vertx.setTimer(200, t -> poll(vertx, http, service, started, ready));
        }
      })
      .onFailure(err -> vertx.setTimer(200, t -> poll(vertx, http, service, started, ready)));
  }

  private static String tail(ServiceProcess service) {
    try {
      List<String> lines = Files.readAllLines(service.log);
      return "\n--- last lines of " + service.log + " ---\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "";
    }
  }
}
