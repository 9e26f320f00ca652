package io.vncgate.token;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vncgate.shared.config.Settings;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** Crafts tokens with chosen claims and keys, valid or not, for the verify tests. */
final class TestTokens {

  static final String SECRET = "a-test-secret-that-is-long-enough-0123456789";
  static final String API_KEY = "test-api-key";

  private TestTokens() {
  }

  static TokenConfig config(int port) {
    return TokenConfig.from(Settings.of(Map.of(
      "HTTP_HOST", "127.0.0.1",
      "HTTP_PORT", String.valueOf(port),
      "API_KEYS", API_KEY + ",second-key",
      "JWT_SECRET", SECRET,
      "JWT_LEEWAY", "5",
      "PUBLIC_URL", "https://desktops.example.com/")));
  }

  /** Claims of a good token for host "desk-1", valid now. */
  static JsonObject goodClaims(TokenConfig config) {
    long now = Instant.now().getEpochSecond();
    return new JsonObject().put("sub", "alice").put("jti", "jti-1").put("iat", now).put("nbf", now)
      .put("exp", now + 60).put("hostId", "desk-1").put("iss", config.issuer()).put("aud", List.of(config.audience()));
  }

  static String sign(Vertx vertx, String secret, JsonObject claims) {
    JWTAuth auth = JWTAuth.create(vertx, new JWTAuthOptions()
      .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret)));
    return auth.generateToken(claims.copy(), new JWTOptions().setAlgorithm("HS256").setNoTimestamp(true));
  }

  /** An unsigned token ({@code alg: none}), as an attacker would send it. */
  static String unsigned(JsonObject claims) {
    return b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64(claims.encode()) + ".";
  }

  /** The token with its payload replaced and the original signature kept. */
  static String withPayload(String token, JsonObject claims) {
    String[] parts = token.split("\\.");
    return parts[0] + "." + b64(claims.encode()) + "." + parts[2];
  }

  static String b64(String text) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
