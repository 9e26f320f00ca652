package io.vncgate.testkit;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;

/**
 * A test browser's WebSocket that keeps every byte it receives, its handlers installed before
 * the socket can deliver one. (A handler set on the socket that connect's future gives can
 * miss the first frames when the test thread gets there late: Vert.x drops data that finds no
 * handler.) Reads wait for exact byte counts and fail, saying how, when the socket closes first.
 */
public final class BrowserSocket {

  private final ClientWebSocket ws;
  private final Buffer received = Buffer.buffer();
  private final Promise<Void> closed = Promise.promise();
  private int consumed;
  private int wanted;
  private Promise<Buffer> waiting;

  private BrowserSocket(ClientWebSocket ws) {
    this.ws = ws;
  }

  /** Connects; the future fails as the connection does (an upgrade refused, for example). */
  public static Future<BrowserSocket> connect(WebSocketClient client, WebSocketConnectOptions options) {
    BrowserSocket socket = new BrowserSocket(client.webSocket());
    socket.ws.handler(socket::received);
    socket.ws.closeHandler(v -> socket.ended());
    return socket.ws.connect(options).map(socket);
  }

  public WebSocket socket() {
    return ws;
  }

  /** The next {@code n} bytes not read yet. */
  public synchronized Future<Buffer> read(int n) {
    if (waiting != null) {
      return Future.failedFuture("a read is already waiting");
    }
    Promise<Buffer> promise = Promise.promise();
    waiting = promise;
    wanted = n;
    deliver();
    return promise.future();
  }

  /** Every byte received so far, read or not. */
  public synchronized Buffer received() {
    return received.copy();
  }

  /** Completes when the WebSocket has closed. */
  public Future<Void> closed() {
    return closed.future();
  }

  /** The close code and reason, as {@code "4408 reason"}, once closed. */
  public String closing() {
    return ws.closeStatusCode() + " " + ws.closeReason();
  }

  private synchronized void received(Buffer data) {
    received.appendBuffer(data);
    deliver();
  }

  private void ended() {
    Promise<Buffer> failed;
    synchronized (this) {
      failed = waiting;
      waiting = null;
    }
    if (failed != null) {
      failed.fail("the WebSocket closed (" + closing() + ") with " + (received.length() - consumed) + " of " + wanted
        + " bytes waited for");
    }
    closed.tryComplete();
  }

  private void deliver() {
    if (waiting != null && received.length() - consumed >= wanted) {
      Promise<Buffer> done = waiting;
      waiting = null;
      Buffer head = received.getBuffer(consumed, consumed + wanted);
      consumed += wanted;
      done.complete(head);
    }
  }
}
