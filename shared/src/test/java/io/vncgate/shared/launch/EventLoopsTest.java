package io.vncgate.shared.launch;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A service's Vert.x runs no event loop beyond its verticles' own, so contexts Vert.x creates for
 * itself — as the clustered event bus does for its server and for each connection to another
 * node — run on a verticle's thread and a bus message needs no hand-over between threads.
 */
class EventLoopsTest {

  private Vertx vertx;

  @AfterEach
  void close() {
    if (vertx != null) {
      vertx.close().await();
    }
  }

  @Test
  void contextsVertxCreatesForItselfRunOnTheVerticlesThreads() {
    int instances = 2;
    vertx = Vertx.vertx(ServiceLauncher.eventLoops(new VertxOptions(), instances, false));
    Set<String> verticleThreads = ConcurrentHashMap.newKeySet();
    vertx.deployVerticle(() -> new VerticleBase() {
      @Override
      public Future<?> start() {
        verticleThreads.add(Thread.currentThread().getName());
        return Future.succeededFuture();
      }
    }, new DeploymentOptions().setInstances(instances)).await();
    assertEquals(instances, verticleThreads.size(), "each instance on its own event loop");

    // Vert.x hands out event loops in turn, so a few more contexts than loops visit every loop.
    List<String> internalThreads = IntStream.range(0, 4 * instances)
      .mapToObj(i -> threadOf(((VertxInternal) vertx).contextBuilder().build()))
      .toList();
    assertTrue(verticleThreads.containsAll(internalThreads),
      "internal contexts ran on " + internalThreads + ", verticles on " + verticleThreads);
  }

  private static String threadOf(ContextInternal context) {
    Promise<String> thread = Promise.promise();
    context.runOnContext(v -> thread.complete(Thread.currentThread().getName()));
    return thread.future().await();
  }
}
