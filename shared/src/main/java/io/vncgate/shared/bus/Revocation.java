package io.vncgate.shared.bus;

import io.vertx.core.json.JsonObject;

/**
 * Body of {@link Addresses#TOKEN_REVOKED}: a token ({@code jti}) or every token of a subject
 * ({@code sub}) was revoked; gateways close the matching live sessions with 4403.
 *
 * @param jti    the revoked token, or {@code null}
 * @param sub    the subject whose tokens were all revoked, or {@code null}
 * @param reason why, for logs
 */
public record Revocation(String jti, String sub, String reason) {

  public Revocation {
    if ((jti == null) == (sub == null)) {
      throw new IllegalArgumentException("a revocation names exactly one of jti and sub");
    }
  }

  /** Whether a session holding this grant must end. */
  public boolean matches(Grant grant) {
    return jti != null ? jti.equals(grant.jti()) : sub.equals(grant.sub());
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("reason", reason);
    return jti != null ? json.put("jti", jti) : json.put("sub", sub);
  }

  public static Revocation fromJson(JsonObject json) {
    return new Revocation(json.getString("jti"), json.getString("sub"), json.getString("reason", "revoked"));
  }
}
