package io.vncgate.registry;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vncgate.registry.credential.CredentialCipher;
import io.vncgate.shared.bus.RegistryClient;
import io.vncgate.shared.bus.ResolveRequest;
import io.vncgate.shared.config.ConfigException;
import io.vncgate.testkit.RedisTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** VNC passwords: sealed at rest, never in a REST answer, handed only to a gateway on resolve. */
@ExtendWith(VertxExtension.class)
class CredentialTest {

  private static final String PASSWORD = "s3cr3t-vnc";
  private static RedisTestServer redis;
  private static RegistryHarness registry;

  @BeforeAll
  static void start(Vertx vertx) {
    redis = RedisTestServer.start();
    registry = new RegistryHarness(vertx, redis.url(), Map.of());
  }

  @AfterAll
  static void stop() {
    redis.close();
  }

  @Test
  void passwordIsSealedInRedisHiddenInRestAndGivenToTheGateway(Vertx vertx) {
    JsonObject created = registry.put("locked", new JsonObject().put("host", "10.8.0.1").put("port", 5901).put("password", PASSWORD))
      .bodyAsJsonObject();
    assertEquals(true, created.getBoolean("hasPassword"));
    assertFalse(created.encode().contains(PASSWORD));
    assertFalse(registry.host("locked").encode().contains(PASSWORD));
    assertFalse(registry.get("/api/v1/hosts").bodyAsString().contains(PASSWORD));

    String stored = Redis.createClient(vertx, redis.url()).send(Request.cmd(Command.HGET).arg(registry.prefix + "host:locked")
      .arg("credential")).await().toString();
    assertTrue(stored.startsWith("v1:"));
    assertFalse(stored.contains(PASSWORD), "not in clear in Redis");

    assertEquals(PASSWORD, new RegistryClient(vertx.eventBus(), Duration.ofSeconds(5))
      .resolve(new ResolveRequest("locked", null, "u", "s-1")).await().credential());
  }

  @Test
  void sealedPasswordsAreBoundToTheirHostAndKey() {
    CredentialCipher cipher = CredentialCipher.fromBase64(RegistryHarness.CREDENTIAL_KEY);
    String sealed = cipher.encrypt("a", PASSWORD);
    assertEquals(PASSWORD, cipher.decrypt("a", sealed));
    assertThrows(IllegalArgumentException.class, () -> cipher.decrypt("b", sealed), "moved to another host");
    CredentialCipher other = CredentialCipher.fromBase64("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
    assertThrows(IllegalArgumentException.class, () -> other.decrypt("a", sealed), "another key");
    assertTrue(assertThrows(ConfigException.class, () -> CredentialCipher.fromBase64("c2hvcnQ=")).getMessage()
      .contains("VNCGATE_CREDENTIAL_KEY"));
  }

  @Test
  void withoutACredentialKeyPasswordsAreRefused(Vertx vertx) {
    RegistryHarness keyless = new RegistryHarness(vertx, redis.url(), Map.of("CREDENTIAL_KEY", ""));
    var response = keyless.put("locked", new JsonObject().put("host", "10.8.0.1").put("port", 5901).put("password", PASSWORD));
    assertEquals(400, response.statusCode());
    assertTrue(response.bodyAsJsonObject().getString("message").contains("VNCGATE_CREDENTIAL_KEY"));
  }
}
