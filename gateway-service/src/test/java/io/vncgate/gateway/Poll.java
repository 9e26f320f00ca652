package io.vncgate.gateway;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.function.BooleanSupplier;

/** Waits (at most 10 s) for a condition fed by messages that arrive on their own schedule. */
final class Poll {

  private Poll() {
  }

  static void until(Vertx vertx, String what, BooleanSupplier condition) {
    Promise<Void> done = Promise.promise();
    long end = System.nanoTime() + 10_000_000_000L;
    tick(vertx, end, what, condition, done);
    done.future().await();
  }

  private static void tick(Vertx vertx, long end, String what, BooleanSupplier condition, Promise<Void> done) {
    if (condition.getAsBoolean()) {
      done.complete();
    } else if (System.nanoTime() > end) {
      done.fail("timed out waiting for " + what);
    } else {
      vertx.setTimer(50, t -> tick(vertx, end, what, condition, done));
    }
  }
}
