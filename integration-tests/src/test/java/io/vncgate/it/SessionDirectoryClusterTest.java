package io.vncgate.it;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServer;
import io.vertx.ext.web.client.HttpResponse;
import io.vncgate.it.StackClient.Refusal;
import io.vncgate.testkit.BrowserSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.List;

import static io.vncgate.it.StackClient.RFB_VERSION;
import static io.vncgate.it.StackClient.webSocketPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The registry's view of live sessions across two gateway nodes, ending one of them, and pool
 * assignment with capacity, all through the real services.
 */
class SessionDirectoryClusterTest {

  private static ClusteredStack stack;
  private static StackClient client;
  private static int desktopPort;

  @BeforeAll
  static void start() {
    stack = new ClusteredStack();
    client = new StackClient(stack);
    NetServer desktop = client.vertx.createNetServer().connectHandler(socket -> socket.write(RFB_VERSION))
      .listen(0, "127.0.0.1").await();
    desktopPort = desktop.actualPort();
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

  private static JsonArray sessions(String query) {
    return ClusteredStack.rest(client.vertx, stack.registryPort).get("/api/v1/sessions" + query)
      .putHeader("Authorization", "Bearer " + ClusteredStack.API_KEY).send().await().bodyAsJsonObject().getJsonArray("sessions");
  }

  private static void until(String what, java.util.function.BooleanSupplier condition) {
    long end = System.nanoTime() + 10_000_000_000L;
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < end, "timed out waiting for " + what);
      Promise<Void> tick = Promise.promise();
      client.vertx.setTimer(100, t -> tick.complete());
      tick.future().await();
    }
  }

  @Test
  void sessionsOfBothGatewaysAreListedAndOneIsEnded() {
    client.register("shared-desk", desktopPort);
    JsonObject tokenA = client.issue(new JsonObject().put("hostId", "shared-desk").put("sub", "nina"));
    JsonObject tokenB = client.issue(new JsonObject().put("hostId", "shared-desk").put("sub", "omar"));
    WebSocket onA = connected(stack.gatewayPortA, tokenA);
    WebSocket onB = connected(stack.gatewayPortB, tokenB);

    until("both sessions in the directory", () -> sessions("?hostId=shared-desk").size() == 2);
    JsonArray listed = sessions("?hostId=shared-desk");
    List<String> nodes = listed.stream().map(s -> ((JsonObject) s).getString("node")).sorted().toList();
    assertEquals(List.of("gateway-a", "gateway-b"), nodes);
    JsonObject omar = sessions("?sub=omar").getJsonObject(0);
    assertEquals(tokenB.getString("jti"), omar.getString("jti"));

    Promise<Long> closedAt = Promise.promise();
    onB.closeHandler(v -> closedAt.complete(System.nanoTime()));
    long asked = System.nanoTime();
    HttpResponse<Buffer> killed = ClusteredStack.rest(client.vertx, stack.registryPort)
      .delete("/api/v1/sessions/" + omar.getString("sessionId")).putHeader("Authorization", "Bearer " + ClusteredStack.API_KEY)
      .send().await();
    assertEquals(202, killed.statusCode(), killed.bodyAsString());
    assertEquals(true, killed.bodyAsJsonObject().getBoolean("tokenRevoked"));
    long elapsed = closedAt.future().await() - asked;
    LoggerFactory.getLogger(SessionDirectoryClusterTest.class).info("kill request to close on the other gateway: {} µs", elapsed / 1000);
    assertTrue(elapsed < 1_000_000_000L, "closed " + elapsed / 1_000_000 + " ms after the DELETE");
    assertEquals((short) 4409, onB.closeStatusCode());
    assertFalse(onA.isClosed(), "the other gateway's session stays");
    assertEquals(new Refusal(4403, "token revoked or already used"), client.refusal(stack.gatewayPortB, webSocketPath(tokenB)),
      "the ended session cannot reconnect with its link");
    until("the ended session to leave the directory", () -> sessions("?sub=omar").isEmpty());
    onA.close().await();
  }

  @Test
  void poolAssignsUpToCapacityAndFreesPlacesWhenSessionsEnd() {
    for (String id : List.of("pool-1", "pool-2")) {
      assertEquals(2, ClusteredStack.rest(client.vertx, stack.registryPort).put("/api/v1/hosts/" + id)
        .putHeader("Authorization", "Bearer " + ClusteredStack.API_KEY)
        .sendJsonObject(new JsonObject().put("host", "127.0.0.1").put("port", desktopPort).put("pool", "lab").put("maxSessions", 1))
        .await().statusCode() / 100);
    }
    JsonObject token = client.issue(new JsonObject().put("pool", "lab").put("sub", "pat"));
    WebSocket first = connected(stack.gatewayPortA, token);
    WebSocket second = connected(stack.gatewayPortB, token);
    until("both hosts busy", () -> sessions("?sub=pat").stream().map(s -> ((JsonObject) s).getString("hostId")).distinct().count() == 2);
    assertEquals(new Refusal(4429, "all desktops are busy, try again later"), client.refusal(stack.gatewayPortA, webSocketPath(token)));
    second.close().await();
    until("a place to be free again", () -> sessions("?sub=pat").size() == 1);
    WebSocket third = connected(stack.gatewayPortA, token);
    Future.all(first.close(), third.close()).await();
  }
}
