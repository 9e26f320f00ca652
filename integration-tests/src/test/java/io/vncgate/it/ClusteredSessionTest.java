package io.vncgate.it;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The core path across a real cluster: an operator registers a desktop and issues a token over
 * REST, and that token opens a relayed session through either gateway node. Refusals come from
 * the real token and registry services on other nodes.
 */
class ClusteredSessionTest {

  private static final Logger LOG = LoggerFactory.getLogger(ClusteredSessionTest.class);
  private static final Buffer RFB_VERSION = Buffer.buffer("RFB 003.008\n");

  private static ClusteredStack stack;
  private static Vertx client;
  private static WebSocketClient browser;
  private static NetServer desktop;

  @BeforeAll
  static void start() {
    stack = new ClusteredStack();
    client = Vertx.vertx();
    browser = client.createWebSocketClient();
    // A desktop that greets like a VNC server and then echoes what it gets.
    desktop = client.createNetServer().connectHandler(socket -> {
      socket.write(RFB_VERSION);
      socket.pipeTo(socket);
    }).listen(0, "127.0.0.1").await();
  }

  @AfterAll
  static void stop() {
    client.close().await();
    stack.close();
  }

  private static JsonObject registerAndIssue(String hostId, int port) {
    WebClient registry = ClusteredStack.rest(client, stack.registryPort);
    HttpResponse<Buffer> put = registry.put("/api/v1/hosts/" + hostId).putHeader("Authorization", "Bearer " + ClusteredStack.API_KEY)
      .sendJsonObject(new JsonObject().put("host", "127.0.0.1").put("port", port)).await();
    assertEquals(201, put.statusCode(), put.bodyAsString());
    return issue(hostId);
  }

  private static JsonObject issue(String hostId) {
    HttpResponse<Buffer> issued = ClusteredStack.rest(client, stack.tokenPort).post("/api/v1/tokens")
      .putHeader("Authorization", "Bearer " + ClusteredStack.API_KEY)
      .sendJsonObject(new JsonObject().put("hostId", hostId).put("sub", "alice").put("ttlSeconds", 120)).await();
    assertEquals(201, issued.statusCode(), issued.bodyAsString());
    return issued.bodyAsJsonObject();
  }

  /** The WebSocket path noVNC would open, taken from the token response's link. */
  private static String webSocketPath(JsonObject issued) {
    String url = issued.getString("url");
    return "/" + URLDecoder.decode(url.substring(url.indexOf("path=") + 5), StandardCharsets.UTF_8);
  }

  /** Opens a WebSocket, paused on its event loop so the desktop's first bytes wait for a handler. */
  private static WebSocket open(int gatewayPort, String path) {
    return browser.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(gatewayPort).setURI(path))
      .map(ws -> ws.pause())
      .await();
  }

  /** Reads until {@code expected} bytes arrived. */
  private static Future<Buffer> read(WebSocket ws, int expected) {
    Promise<Buffer> done = Promise.promise();
    Buffer received = Buffer.buffer();
    ws.handler(data -> {
      received.appendBuffer(data);
      if (received.length() >= expected) {
        done.tryComplete(received);
      }
    });
    ws.resume();
    return done.future();
  }

  @Test
  void tokenIssuedOverRestOpensASessionThroughEitherGateway() {
    JsonObject issued = registerAndIssue("echo-desk", desktop.actualPort());
    String path = webSocketPath(issued);
    for (int gatewayPort : new int[] {stack.gatewayPortA, stack.gatewayPortB}) {
      long started = System.nanoTime();
      WebSocket ws = open(gatewayPort, path);
      assertEquals(RFB_VERSION, read(ws, RFB_VERSION.length()).await(), "the desktop's first bytes");
      LOG.info("gateway port {}: WebSocket open to first RFB byte {} µs (cold cluster path)", gatewayPort,
        (System.nanoTime() - started) / 1000);

      Buffer message = Buffer.buffer("key and pointer events through port " + gatewayPort);
      Future<Buffer> echoed = read(ws, message.length());
      ws.writeBinaryMessage(message);
      assertEquals(message, echoed.await(), "bytes go both ways");
      ws.close().await();
    }
  }

  @Test
  void realServicesRefuseWithReadableReasons() {
    registerAndIssue("known-desk", desktop.actualPort());
    JsonObject forUnknown = issue("ghost-desk");
    assertEquals(new Refusal(4404, "desktop not found"), refusal(stack.gatewayPortB, webSocketPath(forUnknown)));

    String token = issue("known-desk").getString("token");
    String forged = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
    assertEquals(new Refusal(4401, "token invalid or expired"), refusal(stack.gatewayPortA, "/websockify?token=" + forged));
  }

  private record Refusal(int code, String reason) {
  }

  /** Plays noVNC's side of the refusal: answers the version, reads the reason, awaits the close. */
  private static Refusal refusal(int gatewayPort, String path) {
    WebSocket ws = open(gatewayPort, path);
    Promise<Refusal> closed = Promise.promise();
    Buffer received = Buffer.buffer();
    ws.handler(data -> {
      boolean first = received.length() < 12;
      received.appendBuffer(data);
      if (first && received.length() >= 12) {
        ws.write(RFB_VERSION);
      }
    });
    ws.closeHandler(v -> closed.complete(new Refusal(ws.closeStatusCode(), ws.closeReason())));
    ws.resume();
    Refusal refusal = closed.future().await();
    int length = received.getInt(13);
    assertEquals(refusal.reason(), received.getString(17, 17 + length), "the RFB reason noVNC shows matches the close reason");
    return refusal;
  }
}
