package io.vncgate.registry;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vncgate.shared.config.Settings;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A registry instance on 127.0.0.1:0 with its own key prefix, and an operator's HTTP client.
 * Probing is off unless a test turns it on (tests register addresses that must never be dialled).
 */
final class RegistryHarness {

  static final String KEY = "registry-test-key";
  static final String CREDENTIAL_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

  final String prefix;
  final RegistryConfig config;
  final int port;
  final WebClient http;

  RegistryHarness(Vertx vertx, String redisUrl, Map<String, String> overrides) {
    this(vertx, redisUrl, "t" + UUID.randomUUID().toString().substring(0, 8) + ":", overrides);
  }

  RegistryHarness(Vertx vertx, String redisUrl, String prefix, Map<String, String> overrides) {
    this.prefix = prefix;
    Map<String, String> settings = new HashMap<>(Map.of(
      "HTTP_HOST", "127.0.0.1", "HTTP_PORT", "0", "API_KEYS", KEY, "REDIS_URL", redisUrl, "REDIS_PREFIX", prefix,
      "PROBE_INTERVAL_SECONDS", "0", "CREDENTIAL_KEY", CREDENTIAL_KEY, "NODE_NAME", "registry-" + UUID.randomUUID()));
    settings.putAll(overrides);
    config = RegistryConfig.from(Settings.of(settings));
    RegistryVerticle verticle = new RegistryVerticle(config);
    vertx.deployVerticle(verticle).await();
    port = verticle.actualPort();
    http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
  }

  static HttpRequest<Buffer> auth(HttpRequest<Buffer> request) {
    return request.putHeader("Authorization", "Bearer " + KEY);
  }

  HttpResponse<Buffer> put(String id, JsonObject body) {
    return auth(http.put("/api/v1/hosts/" + id)).sendJsonObject(body).await();
  }

  HttpResponse<Buffer> put(String id, String body) {
    return auth(http.put("/api/v1/hosts/" + id)).putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(body)).await();
  }

  JsonObject host(String id) {
    HttpResponse<Buffer> response = auth(http.get("/api/v1/hosts/" + id)).send().await();
    return response.statusCode() == 200 ? response.bodyAsJsonObject() : null;
  }

  /** The live session count the registry shows for a host (usable from an event loop). */
  Future<Integer> sessionsOn(String id) {
    return auth(http.get("/api/v1/hosts/" + id)).send().map(r -> r.bodyAsJsonObject().getInteger("sessions"));
  }

  HttpResponse<Buffer> get(String path) {
    return auth(http.get(path)).send().await();
  }
}
