package io.vncgate.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.net.NetServer;
import io.vertx.junit5.VertxExtension;
import io.vncgate.gateway.TestBrowser.Outcome;
import io.vncgate.shared.bus.Destination;
import io.vncgate.testkit.FreePorts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Every refusal the gateway produces, seen as noVNC sees it: the RFB security-failure reason
 * (what noVNC displays) and the WebSocket close code and reason.
 */
@ExtendWith(VertxExtension.class)
class RefusalTest {

  private static final String ORIGIN = "http://allowed.example";
  private static final FakeServices services = new FakeServices();
  private static int port;
  private static WebSocketClient client;

  @BeforeAll
  static void start(Vertx vertx) {
    client = vertx.createWebSocketClient();
    services.register(vertx).await();
    NetServer desktop = vertx.createNetServer().connectHandler(socket -> { }).listen(0, "127.0.0.1").await();
    services.hosts.put("up", new Destination("up", "127.0.0.1", desktop.actualPort(), null));
    services.hosts.put("down", new Destination("down", "127.0.0.1", FreePorts.next(), null));
    services.hosts.put("nowhere", new Destination("nowhere", "no-such-host.invalid", 5900, null));
    services.hostFailures.put("busy", 429);
    port = GatewayHarness.deploy(vertx, GatewayHarness.config(Map.of()));
  }

  private static Outcome refusal(Vertx vertx, String token, String origin) {
    return TestBrowser.refusal(vertx, TestBrowser.options(port, token, origin)).await();
  }

  private static void assertRefused(Outcome outcome, int code, String reason) {
    assertEquals("RFB 003.008\n", outcome.serverVersion());
    assertEquals(reason, outcome.rfbReason(), "reason noVNC displays");
    assertEquals(code, outcome.closeCode());
    assertEquals(reason, outcome.closeReason());
  }

  @Test
  void missingToken(Vertx vertx) {
    assertRefused(refusal(vertx, null, ORIGIN), 4001, "token missing");
    assertRefused(refusal(vertx, "", ORIGIN), 4001, "token missing");
  }

  @Test
  void oversizedTokenIsRefusedBeforeAnyLookup(Vertx vertx) {
    int calls = services.verifyCalls.get();
    assertRefused(refusal(vertx, "host:up" + "x".repeat(5000), ORIGIN), 4401, "token invalid or expired");
    assertEquals(calls, services.verifyCalls.get(), "no verify request for an oversized token");
  }

  @Test
  void invalidAndExpiredTokens(Vertx vertx) {
    assertRefused(refusal(vertx, "forged", ORIGIN), 4401, "token invalid or expired");
    assertRefused(refusal(vertx, "fail:401:token expired", ORIGIN), 4401, "token expired");
  }

  @Test
  void revokedToken(Vertx vertx) {
    assertRefused(refusal(vertx, "fail:403:token revoked", ORIGIN), 4403, "token revoked");
  }

  @Test
  void unknownDesktop(Vertx vertx) {
    assertRefused(refusal(vertx, "host:ghost", ORIGIN), 4404, "desktop not found");
  }

  @Test
  void fullDesktop(Vertx vertx) {
    assertRefused(refusal(vertx, "host:busy", ORIGIN), 4429, "too many sessions");
  }

  @Test
  void unreachableDesktop(Vertx vertx) {
    assertRefused(refusal(vertx, "host:down", ORIGIN), 4502, "desktop unreachable");
    assertRefused(refusal(vertx, "host:nowhere", ORIGIN), 4502, "desktop unreachable");
  }

  @Test
  void silentTokenServiceTimesOut(Vertx vertx) {
    assertRefused(refusal(vertx, "silent", ORIGIN), 4503, "service unavailable, try again shortly");
  }

  @Test
  void nonsenseReplyIsAnInternalError(Vertx vertx) {
    assertRefused(refusal(vertx, "garbage", ORIGIN), 1011, "internal error");
  }

  @Test
  void foreignOrigin(Vertx vertx) {
    assertRefused(refusal(vertx, "host:up", "http://evil.example"), 1008, "origin not allowed");
  }

  @Test
  void wrongPathIsRejectedAtTheHandshake(Vertx vertx) {
    UpgradeRejectedException e = assertThrows(UpgradeRejectedException.class, () -> client
      .connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/elsewhere?token=host:up")).await());
    assertEquals(404, e.getStatus());
  }

  @Test
  void subprotocols(Vertx vertx) {
    WebSocketConnectOptions none = TestBrowser.options(port, "host:up", ORIGIN);
    WebSocket plain = client.connect(none).await();
    assertNull(plain.subProtocol(), "nothing offered, nothing chosen (noVNC >= 1.2)");
    plain.close();
    WebSocket binary = client
      .connect(TestBrowser.options(port, "host:up", ORIGIN).setSubProtocols(List.of("base64", "binary"))).await();
    assertEquals("binary", binary.subProtocol(), "binary echoed (older noVNC)");
    binary.close();
    UpgradeRejectedException e = assertThrows(UpgradeRejectedException.class, () -> client
      .connect(TestBrowser.options(port, "host:up", ORIGIN).setSubProtocols(List.of("base64"))).await());
    assertEquals(400, e.getStatus());
  }
}
