package io.vncgate.gateway.handshake;

import io.vertx.core.MultiMap;
import io.vncgate.shared.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TrustedProxiesTest {

  private static final TrustedProxies PROXIES = TrustedProxies.parse(List.of("10.0.0.0/8", "192.0.2.10", "fd00::/8"));

  private static MultiMap headers(String... nameValues) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    for (int i = 0; i < nameValues.length; i += 2) {
      headers.add(nameValues[i], nameValues[i + 1]);
    }
    return headers;
  }

  @Test
  void headersFromAnUntrustedPeerAreIgnored() {
    assertEquals("198.51.100.9", PROXIES.clientAddress("198.51.100.9", headers("X-Forwarded-For", "203.0.113.5")));
    assertEquals("198.51.100.9", PROXIES.clientAddress("198.51.100.9", headers("Forwarded", "for=203.0.113.5")));
    TrustedProxies none = TrustedProxies.parse(List.of());
    assertEquals("10.1.2.3", none.clientAddress("10.1.2.3", headers("X-Forwarded-For", "203.0.113.5")));
  }

  @Test
  void theClientIsTheRightMostAddressThatIsNotATrustedProxy() {
    // The client wrote "1.1.1.1" itself; the first proxy appended the address it really saw.
    assertEquals("203.0.113.5", PROXIES.clientAddress("10.0.0.1", headers("X-Forwarded-For", "1.1.1.1, 203.0.113.5, 10.9.9.9")));
    assertEquals("203.0.113.5", PROXIES.clientAddress("192.0.2.10", headers("X-Forwarded-For", "1.1.1.1", "X-Forwarded-For", "203.0.113.5")));
    assertEquals("10.0.0.7", PROXIES.clientAddress("10.0.0.1", headers("X-Forwarded-For", "10.0.0.7")),
      "when every hop is a proxy the oldest one is the client");
  }

  @Test
  void forwardedHeaderWinsAndItsQuotedIpv6AndPortFormsAreRead() {
    assertEquals("2001:db8::1", PROXIES.clientAddress("10.0.0.1",
      headers("Forwarded", "for=\"[2001:db8::1]:4711\";proto=https", "X-Forwarded-For", "198.51.100.1")));
    assertEquals("203.0.113.5", PROXIES.clientAddress("10.0.0.1", headers("Forwarded", "for=1.1.1.1, for=203.0.113.5:8080;by=10.0.0.1")));
    assertEquals("2001:db8::2", PROXIES.clientAddress("fd12::1", headers("X-Forwarded-For", "2001:db8::2")));
  }

  @Test
  void garbageInTheChainFallsBackToThePeer() {
    assertEquals("10.0.0.1", PROXIES.clientAddress("10.0.0.1", headers("X-Forwarded-For", "not-an-address")));
    assertEquals("10.0.0.1", PROXIES.clientAddress("10.0.0.1", headers("Forwarded", "for=unknown")));
    assertEquals("10.0.0.1", PROXIES.clientAddress("10.0.0.1", headers()));
  }

  @Test
  void badEntriesAreRefusedAtStart() {
    assertThrows(ConfigException.class, () -> TrustedProxies.parse(List.of("proxy.example")));
    assertThrows(ConfigException.class, () -> TrustedProxies.parse(List.of("10.0.0.0/33")));
    assertThrows(ConfigException.class, () -> TrustedProxies.parse(List.of("10.0.0.0/x")));
  }
}
