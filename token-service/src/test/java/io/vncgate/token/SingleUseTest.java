package io.vncgate.token;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vncgate.token.issue.TokenRequest;
import io.vncgate.token.verify.Rejection;
import io.vncgate.testkit.RedisTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Single-use tokens across two token-service instances that share keys and one Redis: the first
 * verify consumes the token wherever it runs; a replay is refused by either instance; noVNC's
 * reconnect from the same address gets a few retries within the window.
 */
@ExtendWith(VertxExtension.class)
class SingleUseTest {

  private static RedisTestServer redis;
  private static Path keys;

  @BeforeAll
  static void start() {
    redis = RedisTestServer.start();
    keys = TestTokens.keysDir();
  }

  @AfterAll
  static void stop() {
    redis.close();
  }

  private static TokenServices[] twoInstances(Vertx vertx, Map<String, String> settings) {
    Map<String, String> shared = new HashMap<>(settings);
    shared.put("REDIS_PREFIX", "su-" + System.nanoTime() + ":");
    return new TokenServices[] {
      new TokenServices(vertx, TestTokens.config(redis.url(), keys, shared)),
      new TokenServices(vertx, TestTokens.config(redis.url(), keys, shared))};
  }

  private static String singleUse(TokenServices instance) {
    return instance.issue(new TokenRequest("desk-1", null, "alice", 300, false, true));
  }

  private static int code(Exception e) {
    return ((Rejection) e).code();
  }

  @Test
  void replayOnTheOtherInstanceIsRefused(Vertx vertx) {
    TokenServices[] instances = twoInstances(vertx, Map.of("SINGLE_USE_RECONNECTS", "0"));
    String token = singleUse(instances[0]);
    assertEquals("alice", instances[1].verify(token, "10.0.0.1").sub(), "first use, on the instance that did not issue it");
    assertEquals(403, code(assertThrows(Rejection.class, () -> instances[0].verify(token, "10.0.0.1"))));
    assertEquals(403, code(assertThrows(Rejection.class, () -> instances[1].verify(token, "10.0.0.1"))));
  }

  @Test
  void concurrentFirstUsesLetExactlyOneThrough(Vertx vertx) {
    TokenServices[] instances = twoInstances(vertx, Map.of("SINGLE_USE_RECONNECTS", "0"));
    String token = singleUse(instances[0]);
    AtomicInteger admitted = new AtomicInteger();
    List<Future<?>> attempts = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      attempts.add(instances[i % 2].verifier.verify(token, "10.0.0." + i).onSuccess(g -> admitted.incrementAndGet()));
    }
    Future.join(attempts).otherwiseEmpty().await();
    assertEquals(1, admitted.get());
  }

  @Test
  void reconnectFromTheSameAddressIsAllowedAFewTimes(Vertx vertx) {
    TokenServices[] instances = twoInstances(vertx, Map.of("SINGLE_USE_RECONNECTS", "2", "SINGLE_USE_RECONNECT_SECONDS", "60"));
    String token = singleUse(instances[0]);
    instances[0].verify(token, "192.0.2.7");
    assertEquals(403, code(assertThrows(Rejection.class, () -> instances[1].verify(token, "198.51.100.9"))),
      "another address is a replay");
    instances[1].verify(token, "192.0.2.7");
    instances[0].verify(token, "192.0.2.7");
    assertEquals(403, code(assertThrows(Rejection.class, () -> instances[0].verify(token, "192.0.2.7"))),
      "reconnects are counted");
  }

  @Test
  void withoutAWindowEveryReuseIsAReplay(Vertx vertx) {
    TokenServices[] instances = twoInstances(vertx, Map.of("SINGLE_USE_RECONNECT_SECONDS", "0"));
    String token = singleUse(instances[0]);
    instances[0].verify(token, "192.0.2.7");
    assertThrows(Rejection.class, () -> instances[1].verify(token, "192.0.2.7"));
  }

  @Test
  void ordinaryTokensMayBeUsedAgain(Vertx vertx) {
    TokenServices[] instances = twoInstances(vertx, Map.of());
    String token = instances[0].issue(new TokenRequest("desk-1", null, "alice", 300, false, false));
    for (int i = 0; i < 3; i++) {
      assertEquals("alice", instances[i % 2].verify(token, "10.9.9." + i).sub());
    }
  }
}
