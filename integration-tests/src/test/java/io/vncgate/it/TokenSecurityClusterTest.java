package io.vncgate.it;

import io.vertx.core.Promise;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServer;
import io.vncgate.it.StackClient.Refusal;
import io.vncgate.testkit.BrowserSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static io.vncgate.it.StackClient.RFB_VERSION;
import static io.vncgate.it.StackClient.webSocketPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Token security across the cluster: two token-service nodes share keys and single-use state, a
 * revocation made on one node closes live sessions on every gateway node within a second, and a
 * replayed single-use token is refused by whichever gateway it reaches.
 */
class TokenSecurityClusterTest {

  private static final Refusal FORBIDDEN = new Refusal(4403, "token revoked or already used");

  private static ClusteredStack stack;
  private static StackClient client;

  @BeforeAll
  static void start() {
    stack = new ClusteredStack();
    client = new StackClient(stack);
    NetServer desktop = client.vertx.createNetServer().connectHandler(socket -> socket.write(RFB_VERSION))
      .listen(0, "127.0.0.1").await();
    client.register("desk", desktop.actualPort());
  }

  @AfterAll
  static void stop() {
    client.close();
    stack.close();
  }

  private static WebSocket connected(int gatewayPort, JsonObject issued) {
    BrowserSocket ws = client.open(gatewayPort, webSocketPath(issued));
    assertEquals(RFB_VERSION, ws.read(RFB_VERSION.length()).await());
    return ws.socket();
  }

  @Test
  void revokingOnOneTokenNodeClosesALiveSessionOnAnotherGatewayWithinASecond() {
    JsonObject issued = client.issue("desk");
    WebSocket ws = connected(stack.gatewayPortB, issued);
    JsonObject other = client.issue("desk");
    WebSocket bystander = connected(stack.gatewayPortB, other);
    Promise<Long> closedAt = Promise.promise();
    ws.closeHandler(v -> closedAt.complete(System.nanoTime()));

    long revokedAt = System.nanoTime();
    assertEquals(204, client.delete(stack.tokenPortB, "/api/v1/tokens/" + issued.getString("jti")));
    long elapsed = closedAt.future().await() - revokedAt;
    LoggerFactory.getLogger(TokenSecurityClusterTest.class).info("revocation to close on another gateway: {} µs", elapsed / 1000);
    assertTrue(elapsed < 1_000_000_000L, "closed " + elapsed / 1_000_000 + " ms after the revocation");
    assertEquals((short) 4403, ws.closeStatusCode());
    assertFalse(bystander.isClosed(), "sessions of other tokens stay");

    assertEquals(FORBIDDEN, client.refusal(stack.gatewayPortA, webSocketPath(issued)), "and it cannot come back");
    bystander.close().await();
  }

  @Test
  void revokingASubjectEndsItsSessionsOnEveryGateway() {
    JsonObject first = client.issue(new JsonObject().put("hostId", "desk").put("sub", "mallory"));
    JsonObject second = client.issue(new JsonObject().put("hostId", "desk").put("sub", "mallory"));
    WebSocket onA = connected(stack.gatewayPortA, first);
    WebSocket onB = connected(stack.gatewayPortB, second);
    Promise<Void> closedA = Promise.promise();
    Promise<Void> closedB = Promise.promise();
    onA.closeHandler(v -> closedA.complete());
    onB.closeHandler(v -> closedB.complete());
    assertEquals(204, client.delete(stack.tokenPort, "/api/v1/tokens?sub=mallory"));
    closedA.future().await();
    closedB.future().await();
    assertEquals((short) 4403, onA.closeStatusCode());
    assertEquals((short) 4403, onB.closeStatusCode());
  }

  @Test
  void singleUseTokenOpensOneSessionAndItsReplayIsRefusedEverywhere() {
    JsonObject issued = client.issue(new JsonObject().put("hostId", "desk").put("sub", "alice").put("singleUse", true));
    WebSocket ws = connected(stack.gatewayPortA, issued);
    // Whichever token node verifies the replay, the shared Redis state says it is used.
    for (int attempt = 0; attempt < 4; attempt++) {
      int gateway = attempt % 2 == 0 ? stack.gatewayPortA : stack.gatewayPortB;
      assertEquals(FORBIDDEN, client.refusal(gateway, webSocketPath(issued)));
    }
    ws.close().await();
  }
}
