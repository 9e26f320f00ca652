package io.vncgate.token;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vncgate.shared.config.Settings;
import io.vncgate.shared.http.ApiKeys;
import io.vncgate.token.keys.KeyGen;
import io.vncgate.token.keys.TokenKey;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Keys, configs and hand-made tokens (valid or not) for the token-service tests. */
final class TestTokens {

  static final String API_KEY = "test-api-key";
  static final String SECOND_KEY = "second-key";

  private TestTokens() {
  }

  /** A key folder with an ES256 key "es1" (the signer), an RS256 key "rs1" and an HS256 key "hs1". */
  static Path keysDir() {
    try {
      Path dir = Files.createTempDirectory("vncgate-keys");
      KeyGen.generate(dir, "es1", "ES256");
      KeyGen.generate(dir, "rs1", "RS256");
      KeyGen.generate(dir, "hs1", "HS256");
      return dir;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static String hashed(String name, String key) {
    return name + "=sha256:" + HexFormat.of().formatHex(ApiKeys.sha256(key));
  }

  /** Config on 127.0.0.1:0 with its own Redis key prefix; {@code overrides} win. */
  static TokenConfig config(String redisUrl, Path keys, Map<String, String> overrides) {
    Map<String, String> settings = new HashMap<>(Map.of(
      "HTTP_HOST", "127.0.0.1",
      "HTTP_PORT", "0",
      "API_KEYS", hashed("portal", API_KEY) + "," + hashed("ci", SECOND_KEY),
      "JWT_KEYS_DIR", keys.toString(),
      "JWT_SIGNING_KEY", "es1",
      "JWT_LEEWAY", "5",
      "PUBLIC_URL", "https://desktops.example.com/",
      "REDIS_URL", redisUrl,
      "REDIS_PREFIX", "t" + UUID.randomUUID().toString().substring(0, 8) + ":"));
    settings.putAll(overrides);
    return TokenConfig.from(Settings.of(settings));
  }

  static TokenKey key(TokenConfig config, String kid) {
    return config.keys().stream().filter(k -> k.kid().equals(kid)).findFirst().orElseThrow();
  }

  /** Claims of a good token for host "desk-1", valid now, with a fresh jti. */
  static JsonObject goodClaims(TokenConfig config) {
    long now = Instant.now().getEpochSecond();
    return new JsonObject().put("sub", "alice").put("jti", UUID.randomUUID().toString()).put("iat", now).put("nbf", now)
      .put("exp", now + 60).put("hostId", "desk-1").put("iss", config.issuer()).put("aud", List.of(config.audience()));
  }

  /** Signed with the key's private half (or secret); the header carries its kid and alg. */
  static String sign(Vertx vertx, TokenKey key, JsonObject claims) {
    JWTAuth auth = JWTAuth.create(vertx, new JWTAuthOptions().addJwk(key.signJwk()));
    return auth.generateToken(claims.copy(), new JWTOptions().setAlgorithm(key.alg()).setNoTimestamp(true));
  }

  /** A token with any header, HMAC-SHA256-signed with {@code secret} (an attacker's forgery). */
  static String hmac(JsonObject header, JsonObject claims, byte[] secret) {
    String input = b64(header.encode()) + "." + b64(claims.encode());
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(new javax.crypto.spec.SecretKeySpec(secret, "HmacSHA256"));
      return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An unsigned token ({@code alg: none}) naming a real kid. */
  static String unsigned(String kid, JsonObject claims) {
    return b64(new JsonObject().put("alg", "none").put("typ", "JWT").put("kid", kid).encode()) + "." + b64(claims.encode()) + ".";
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
