package io.vncgate.shared.log;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RedactTest {

  private static final String JWT = "eyJ0eXAiOiJKV1QiLCJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLWJ5dGVz";

  @Test
  void tokensKeepSixCharacters() {
    assertEquals("eyJ0eX…", Redact.token(JWT));
    assertEquals("…", Redact.token("abc"));
    assertEquals("<none>", Redact.token(null));
  }

  @Test
  void textLosesEveryTokenItQuotes() {
    String line = "Illegal character in query at index 32: /websockify?token=" + JWT + "&x=1 and again " + JWT;
    String masked = Redact.inText(line);
    assertFalse(masked.contains("c2lnbmF0dXJl"), masked);
    assertFalse(masked.contains("eyJzdWIi"), masked);
    assertTrue(masked.contains("&x=1 and again eyJ0eX…"), masked);
    assertEquals("/websockify?token=secret…", Redact.inText("/websockify?token=secret-opaque-token"));
    assertEquals("path=websockify%3Ftoken%3Dsecret…", Redact.inText("path=websockify%3Ftoken%3Dsecret-opaque"));
    assertEquals("nothing to hide here", Redact.inText("nothing to hide here"));
  }
}
