package io.vncgate.gateway;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vncgate.shared.bus.Addresses;
import io.vncgate.shared.bus.Destination;
import io.vncgate.shared.bus.Grant;
import io.vncgate.shared.bus.VerifyRequest;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stand-ins for the token and registry services' bus consumers, for gateway unit tests (the
 * clustered test in integration-tests runs the real ones). Tokens are scripted:
 * {@code host:<id>[:<sub>[:<jti>]]} grants host {@code id} ({@code viewonly:…} the same, view-only);
 * {@code fail:<code>:<reason>} fails with that code;
 * {@code silent} never answers; {@code garbage} replies with a body that is no grant.
 */
final class FakeServices {

  final Map<String, Destination> hosts = new ConcurrentHashMap<>();
  final Map<String, Integer> hostFailures = new ConcurrentHashMap<>();
  final AtomicInteger verifyCalls = new AtomicInteger();
  private MessageConsumer<JsonObject> verify;
  private MessageConsumer<JsonObject> resolve;

  Future<Void> register(Vertx vertx) {
    verify = vertx.eventBus().consumer(Addresses.TOKEN_VERIFY, this::verify);
    resolve = vertx.eventBus().consumer(Addresses.REGISTRY_RESOLVE, this::resolve);
    return Future.all(verify.completion(), resolve.completion()).mapEmpty();
  }

  Future<Void> unregister() {
    return Future.all(verify.unregister(), resolve.unregister()).mapEmpty();
  }

  private void verify(Message<JsonObject> message) {
    verifyCalls.incrementAndGet();
    String token = VerifyRequest.fromJson(message.body()).token();
    long exp = Instant.now().getEpochSecond() + 60;
    if (token.startsWith("host:") || token.startsWith("viewonly:") || token.startsWith("short:")) {
      // host:<id>[:<sub>[:<jti>]]; "short:" grants a one-second session
      String[] parts = token.split(":");
      String sub = parts.length > 2 ? parts[2] : "tester";
      String jti = parts.length > 3 ? parts[3] : "jti-" + token;
      message.reply(new Grant(jti, sub, parts[1], null, token.startsWith("viewonly:"), exp, 0,
        token.startsWith("short:") ? 1 : 0).toJson());
    } else if (token.startsWith("fail:")) {
      String[] parts = token.split(":", 3);
      message.fail(Integer.parseInt(parts[1]), parts[2]);
    } else if (token.equals("garbage")) {
      message.reply(new JsonObject().put("unexpected", true));
    } else if (!token.equals("silent")) {
      message.fail(401, "token invalid or expired");
    }
  }

  private void resolve(Message<JsonObject> message) {
    String hostId = message.body().getString("hostId");
    Integer failure = hostFailures.get(hostId);
    Destination destination = hosts.get(hostId);
    if (failure != null) {
      message.fail(failure, failure == 429 ? "too many sessions" : "service unavailable, try again shortly");
    } else if (destination == null) {
      message.fail(404, "desktop not found");
    } else {
      message.reply(destination.toJson());
    }
  }
}
