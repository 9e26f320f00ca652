package io.vncgate.it;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

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

  /** Opens a WebSocket, paused on its event loop so the desktop's first bytes wait for a handler. */
  WebSocket open(int gatewayPort, String path) {
    return browser.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(gatewayPort).setURI(path))
      .map(ws -> ws.pause())
      .await();
  }

  /** Reads until {@code expected} bytes arrived. */
  static Future<Buffer> read(WebSocket ws, int expected) {
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

  record Refusal(int code, String reason) {
  }

  /** Plays noVNC's side of a refusal: answers the version, reads the reason, awaits the close. */
  Refusal refusal(int gatewayPort, String path) {
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

  @Override
  public void close() {
    vertx.close().await();
  }
}
