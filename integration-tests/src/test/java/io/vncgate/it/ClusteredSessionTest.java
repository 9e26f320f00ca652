package io.vncgate.it;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServer;
import io.vncgate.it.StackClient.Refusal;
import io.vncgate.testkit.BrowserSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static io.vncgate.it.StackClient.RFB_VERSION;
import static io.vncgate.it.StackClient.webSocketPath;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The core path across a real cluster: an operator registers a desktop and issues a token over
 * REST, and that token opens a relayed session through either gateway node. Refusals come from
 * the real token and registry services on other nodes.
 */
class ClusteredSessionTest {

  private static final Logger LOG = LoggerFactory.getLogger(ClusteredSessionTest.class);

  private static ClusteredStack stack;
  private static StackClient client;
  private static NetServer desktop;

  @BeforeAll
  static void start() {
    stack = new ClusteredStack();
    client = new StackClient(stack);
    // A desktop that greets like a VNC server and then echoes what it gets.
    desktop = client.vertx.createNetServer().connectHandler(socket -> {
      socket.write(RFB_VERSION);
      socket.pipeTo(socket);
    }).listen(0, "127.0.0.1").await();
  }

  @AfterAll
  static void stop() {
    client.close();
    stack.close();
  }

  @Test
  void tokenIssuedOverRestOpensASessionThroughEitherGateway() {
    client.register("echo-desk", desktop.actualPort());
    String path = webSocketPath(client.issue("echo-desk"));
    for (int gatewayPort : new int[] {stack.gatewayPortA, stack.gatewayPortB}) {
      long started = System.nanoTime();
      BrowserSocket ws = client.open(gatewayPort, path);
      assertEquals(RFB_VERSION, ws.read(RFB_VERSION.length()).await(), "the desktop's first bytes");
      LOG.info("gateway port {}: WebSocket open to first RFB byte {} µs (cold cluster path)", gatewayPort,
        (System.nanoTime() - started) / 1000);

      Buffer message = Buffer.buffer("key and pointer events through port " + gatewayPort);
      ws.socket().writeBinaryMessage(message);
      assertEquals(message, ws.read(message.length()).await(), "bytes go both ways");
      ws.socket().close().await();
    }
  }

  @Test
  void realServicesRefuseWithReadableReasons() {
    client.register("known-desk", desktop.actualPort());
    JsonObject forUnknown = client.issue("ghost-desk");
    assertEquals(new Refusal(4404, "desktop not found"), client.refusal(stack.gatewayPortB, webSocketPath(forUnknown)));

    String token = client.issue("known-desk").getString("token");
    // A changed first signature character always changes the signature (the last one's low bits are padding).
    int signature = token.lastIndexOf('.') + 1;
    String forged = token.substring(0, signature) + (token.charAt(signature) == 'A' ? 'B' : 'A') + token.substring(signature + 1);
    assertEquals(new Refusal(4401, "token invalid or expired"), client.refusal(stack.gatewayPortA, "/websockify?token=" + forged));
  }
}
