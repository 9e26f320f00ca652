package io.vncgate.gateway.handshake;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OriginPolicyTest {

  @Test
  void explicitListAllowsExactlyItsOrigins() {
    OriginPolicy policy = new OriginPolicy(List.of("https://portal.example.com", "http://127.0.0.1:8080/"));
    assertTrue(policy.allows("https://portal.example.com", "gw.example.com"));
    assertTrue(policy.allows("HTTPS://Portal.Example.com", "gw.example.com"));
    assertTrue(policy.allows("http://127.0.0.1:8080", "127.0.0.1:8080"));
    assertFalse(policy.allows("https://portal.example.com.evil.net", "gw.example.com"));
    assertFalse(policy.allows("http://portal.example.com", "gw.example.com"), "scheme matters");
    assertFalse(policy.allows("null", "gw.example.com"));
  }

  @Test
  void emptyListMeansSameHostAsTheRequest() {
    OriginPolicy policy = new OriginPolicy(List.of());
    assertTrue(policy.allows("https://gw.example.com", "gw.example.com"));
    assertTrue(policy.allows("https://gw.example.com", "gw.example.com:443"));
    assertTrue(policy.allows("http://127.0.0.1:8080", "127.0.0.1:8080"));
    assertTrue(policy.allows("http://[::1]:8080", "[::1]:8080"));
    assertFalse(policy.allows("http://127.0.0.1:9999", "127.0.0.1:8080"));
    assertFalse(policy.allows("https://evil.example", "gw.example.com"));
    assertFalse(policy.allows("https://gw.example.com", null));
  }

  @Test
  void wildcardAllowsAnyAndMissingOriginIsNotABrowser() {
    assertTrue(new OriginPolicy(List.of("*")).allows("https://anything.example", "gw"));
    assertTrue(new OriginPolicy(List.of("https://a.example")).allows(null, "gw"));
  }
}
