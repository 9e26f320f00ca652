package io.vncgate.token.keys;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vncgate.shared.config.ConfigException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every key this token service knows: one signs new tokens, all verify. The algorithm is pinned
 * per kid: a token must name a known {@code kid} and exactly that key's {@code alg}, so
 * {@code alg: none}, an unknown kid, or an RS/ES key's public half used as an HMAC secret never
 * reach a signature check. Signatures themselves are checked with only the one key the kid
 * names: ES256 with Bouncy Castle ({@link Es256Signatures}, about 4x faster than the JDK 17's
 * P-256), RS256 and HS256 by vertx-auth-jwt. Tokens are signed by vertx-auth-jwt.
 */
public final class KeyRing {

  /**
   * How many tokens with a good signature are remembered. A token's signature is checked once
   * per instance: noVNC reconnects and repeated opens of one link reuse the token, and an ES256
   * check costs about a millisecond of CPU on Java 17. The key is the whole token, so only the
   * very same bytes hit; its claims (expiry above all), revocation and single use are checked
   * on every verify as before. Keys are fixed for the life of the process, so an entry never
   * outlives its key. Past the bound the memory is simply cleared.
   */
  static final int VERIFIED_CACHE_SIZE = 10_000;
  private static final String ES256 = "ES256";

  private final Map<String, TokenKey> keys;
  /** kid → the check of a signature made with that key, and only that key. */
  private final Map<String, SignatureCheck> checks;
  private final Map<String, JsonObject> verified = new ConcurrentHashMap<>();
  private final TokenKey signing;
  private final JWTAuth signer;

  /** Checks a compact JWT's signature with one key: the token's claims when it is good. */
  @FunctionalInterface
  private interface SignatureCheck {
    Future<JsonObject> claims(String token, String[] parts);
  }

  private KeyRing(Map<String, TokenKey> keys, Map<String, SignatureCheck> checks, TokenKey signing, JWTAuth signer) {
    this.keys = keys;
    this.checks = checks;
    this.signing = signing;
    this.signer = signer;
  }

  /**
   * @param signingKid the kid that signs ({@code VNCGATE_JWT_SIGNING_KEY}); may be {@code null}
   *                   when exactly one key can sign
   */
  public static KeyRing create(Vertx vertx, List<TokenKey> all, String signingKid) {
    Map<String, TokenKey> keys = byKid(all);
    TokenKey signing = signingKey(all, signingKid);
    Map<String, SignatureCheck> checks = new LinkedHashMap<>();
    for (TokenKey key : keys.values()) {
      checks.put(key.kid(), ES256.equals(key.alg()) ? es256(new Es256Signatures(key.verifyJwk()))
        : vertxAuth(provider(vertx, key.verifyJwk())));
    }
    return new KeyRing(keys, checks, signing, provider(vertx, signing.signJwk()));
  }

  /** RS256 and HS256: vertx-auth-jwt, with a provider that holds only the one key. */
  private static SignatureCheck vertxAuth(JWTAuth provider) {
    return (token, parts) -> provider.authenticate(new TokenCredentials(token))
      .map(user -> user.attributes().getJsonObject("accessToken"));
  }

  /** ES256: Bouncy Castle's P-256 over {@code header.payload} as it appears in the token. */
  private static SignatureCheck es256(Es256Signatures key) {
    return (token, parts) -> {
      byte[] signature;
      try {
        signature = Base64.getUrlDecoder().decode(parts[2]);
      } catch (IllegalArgumentException e) {
        return Future.failedFuture("unreadable signature");
      }
      byte[] signingInput = token.substring(0, parts[0].length() + 1 + parts[1].length()).getBytes(StandardCharsets.US_ASCII);
      if (!key.verify(signingInput, signature)) {
        return Future.failedFuture("bad signature");
      }
      try {
        return Future.succeededFuture(json(parts[1]));
      } catch (RuntimeException e) {
        return Future.failedFuture("unreadable claims");
      }
    };
  }

  /** A base64url-encoded JSON part of a compact JWT. */
  private static JsonObject json(String part) {
    return new JsonObject(new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8));
  }

  /**
   * The key that signs: the one {@code signingKid} names, or the only key that can sign.
   *
   * @throws ConfigException when there are no keys, a kid repeats, or the choice is unclear
   */
  public static TokenKey signingKey(List<TokenKey> all, String signingKid) {
    Map<String, TokenKey> keys = byKid(all);
    if (signingKid != null) {
      TokenKey key = keys.get(signingKid);
      if (key == null || !key.canSign()) {
        throw new ConfigException("VNCGATE_JWT_SIGNING_KEY: '" + signingKid + "' is not a key that can sign (known: " + keys.values() + ")");
      }
      return key;
    }
    List<TokenKey> signers = keys.values().stream().filter(TokenKey::canSign).toList();
    if (signers.size() != 1) {
      throw new ConfigException("VNCGATE_JWT_SIGNING_KEY must name the signing key: " + signers.size()
        + " keys can sign (" + keys.values() + ")");
    }
    return signers.get(0);
  }

  private static Map<String, TokenKey> byKid(List<TokenKey> all) {
    Map<String, TokenKey> keys = new LinkedHashMap<>();
    for (TokenKey key : all) {
      if (keys.putIfAbsent(key.kid(), key) != null) {
        throw new ConfigException("the key id '" + key.kid() + "' is used twice (VNCGATE_JWT_KEYS_DIR / VNCGATE_JWT_SECRET_KID)");
      }
    }
    if (keys.isEmpty()) {
      throw new ConfigException("no token signing key: set VNCGATE_JWT_KEYS_DIR (make a key with"
        + " `java -jar token-service.jar keygen <dir> <kid>`) or VNCGATE_JWT_SECRET (at least 32 bytes)");
    }
    return keys;
  }

  private static JWTAuth provider(Vertx vertx, JsonObject jwk) {
    // Claims are checked by TokenVerifier (exp is required there); the provider only checks signatures.
    return JWTAuth.create(vertx, new JWTAuthOptions().addJwk(jwk).setJWTOptions(new JWTOptions().setIgnoreExpiration(true)));
  }

  public TokenKey signingKey() {
    return signing;
  }

  /** Signs claims with the signing key; the header carries its kid and alg. */
  public String sign(JsonObject claims, JWTOptions options) {
    return signer.generateToken(claims, options.setAlgorithm(signing.alg()));
  }

  /**
   * The token's claims if its header names a known kid with that kid's algorithm and the
   * signature is good; otherwise a failure whose message says which check failed (for logs).
   * The claims object is shared between callers: read it, never change it.
   */
  public Future<JsonObject> verify(String token) {
    JsonObject known = verified.get(token);
    if (known != null) {
      return Future.succeededFuture(known);
    }
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3 || parts[2].isEmpty()) {
      return Future.failedFuture("not a signed compact JWT");
    }
    JsonObject header;
    try {
      header = json(parts[0]);
    } catch (RuntimeException e) {
      return Future.failedFuture("unreadable header");
    }
    Object kid = header.getValue("kid");
    TokenKey key = kid instanceof String id ? keys.get(id) : null;
    if (key == null) {
      return Future.failedFuture("unknown kid " + kid);
    }
    if (!Objects.equals(key.alg(), header.getValue("alg"))) {
      return Future.failedFuture("alg " + header.getValue("alg") + " is not the algorithm of kid " + kid + " (" + key.alg() + ")");
    }
    return checks.get(key.kid()).claims(token, parts).map(claims -> remember(token, claims));
  }

  private JsonObject remember(String token, JsonObject claims) {
    if (verified.size() >= VERIFIED_CACHE_SIZE) {
      verified.clear();
    }
    verified.put(token, claims);
    return claims;
  }

  /** {@code {keys: [...]}}: the public halves of the asymmetric keys (never an HMAC secret). */
  public JsonObject jwks() {
    JsonArray published = new JsonArray();
    keys.values().stream().filter(key -> key.publicJwk() != null).forEach(key -> published.add(key.publicJwk()));
    return new JsonObject().put("keys", published);
  }
}
