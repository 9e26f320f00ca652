package io.vncgate.it;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vncgate.testkit.BrowserSocket;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** An operator (REST calls) and a browser (WebSockets, noVNC's side of a refusal) for a {@link ClusteredStack}. */
final class StackClient implements AutoCloseable {

  static final Buffer RFB_VERSION = Buffer.buffer("RFB 003.008\n");

  final Vertx vertx = Vertx.vertx();
  private final WebSocketClient browser = vertx.createWebSocketClient();
  private final ClusteredStack stack;

  StackClient(ClusteredStack stack) {
    this.stack = stack;
  }

  void register(String hostId, int port) {
    HttpResponse<Buffer> put = ClusteredStack.rest(vertx, stack.registryPort).put("/api/v1/hosts/" + hostId)
      .putHeader("Authorization", "Bearer " + ClusteredStack.API_KEY)
      .sendJsonObject(new JsonObject().put("host", "127.0.0.1").put("port", port)).await();
    assertEquals(2, put.statusCode() / 100, put.bodyAsString());
  }

  /** Issues a token through the first token node; {@code request} may add viewOnly, singleUse… */
  JsonObject issue(JsonObject request) {
    HttpResponse<Buffer> issued = ClusteredStack.rest(vertx, stack.tokenPort).post("/api/v1/tokens")
      .putHeader("Authorization", "Bearer " + ClusteredStack.API_KEY).sendJsonObject(request).await();
    assertEquals(201, issued.statusCode(), issued.bodyAsString());
    return issued.bodyAsJsonObject();
  }

  JsonObject issue(String hostId) {
    return issue(new JsonObject().put("hostId", hostId).put("sub", "alice").put("ttlSeconds", 120));
  }

  int delete(int tokenPort, String path) {
    return ClusteredStack.rest(vertx, tokenPort).delete(path).putHeader("Authorization", "Bearer " + ClusteredStack.API_KEY)
      .send().await().statusCode();
  }

  /** The WebSocket path noVNC would open, taken from the token response's link. */
  static String webSocketPath(JsonObject issued) {
    String url = issued.getString("url");
    return "/" + URLDecoder.decode(url.substring(url.indexOf("path=") + 5), StandardCharsets.UTF_8);
  }

  /** Opens a WebSocket that keeps every byte from the first (see {@link BrowserSocket}). */
  BrowserSocket open(int gatewayPort, String path) {
    return BrowserSocket.connect(browser, new WebSocketConnectOptions().setHost("127.0.0.1").setPort(gatewayPort).setURI(path))
      .await();
  }

  record Refusal(int code, String reason) {
  }

  /** Plays noVNC's side of a refusal: answers the version, reads the reason, awaits the close. */
  Refusal refusal(int gatewayPort, String path) {
    BrowserSocket ws = open(gatewayPort, path);
    ws.read(12).onSuccess(version -> ws.socket().write(RFB_VERSION));
    ws.closed().await();
    Refusal refusal = new Refusal(ws.socket().closeStatusCode(), ws.socket().closeReason());
    Buffer received = ws.received();
    int length = received.getInt(13);
    assertEquals(refusal.reason(), received.getString(17, 17 + length), "the RFB reason noVNC shows matches the close reason");
    return refusal;
  }

  @Override
  public void close() {
    vertx.close().await();
  }
}
