package io.vncgate.registry;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.function.Supplier;

/** Waits for a condition that only time brings (an expiry, a probe round), checking every 100 ms. */
final class Poll {

  private Poll() {
  }

  static void until(Vertx vertx, Duration deadline, String what, Supplier<Future<Boolean>> check) {
    Promise<Void> done = Promise.promise();
    long end = System.nanoTime() + deadline.toNanos();
    tick(vertx, end, what, check, done);
    done.future().await();
  }

  private static void tick(Vertx vertx, long end, String what, Supplier<Future<Boolean>> check, Promise<Void> done) {
    check.get().onComplete(ar -> {
      if (ar.succeeded() && ar.result()) {
        done.complete();
      } else if (System.nanoTime() > end) {
        done.fail("timed out waiting for " + what);
      } else {
        vertx.setTimer(100, t -> tick(vertx, end, what, check, done));
      }
    });
  }
}
