package io.vncgate.devstack.desktop;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The client side of RFB over a real socket, just enough to drive the demo desktop in tests:
 * reads of an exact byte count, whole writes or byte-by-byte writes, and message builders.
 * Reads are synchronized because a test's first callback may run on the JUnit thread (when the
 * future it hangs on was already complete) while the socket delivers bytes on its event loop.
 */
final class RfbTestClient {

  record ServerInit(int width, int height, PixelFormat format, String name) {
  }

  /** One rectangle of a FramebufferUpdate, Raw-encoded in the client's current format. */
  record Rectangle(Rect area, int encoding, Buffer pixels) {
    /** The bytes of pixel (x, y), which must lie inside this rectangle. */
    Buffer pixelAt(int x, int y, int bytesPerPixel) {
      int at = ((y - area.y()) * area.width() + (x - area.x())) * bytesPerPixel;
      return pixels.getBuffer(at, at + bytesPerPixel);
    }
  }

  // Held for the socket's lifetime: a NetClient that becomes unreachable is shut down by a
  // Cleaner with a 30 s grace period, which then stalls Vertx.close() by as much.
  private final NetClient client;
  private final Vertx vertx;
  private final NetSocket socket;
  private final Promise<Void> closed = Promise.promise();
  private Buffer inbox = Buffer.buffer();
  private int wanted;
  private Promise<Buffer> reader;
  private volatile int bytesPerPixel = 4;

  private RfbTestClient(Vertx vertx, NetClient client, NetSocket socket) {
    this.vertx = vertx;
    this.client = client;
    this.socket = socket;
    socket.handler(this::received);
    socket.closeHandler(v -> {
      closed.tryComplete();
      synchronized (this) {
        if (reader != null) {
          reader.tryFail("connection closed with " + inbox.length() + " of " + wanted + " bytes read");
        }
      }
    });
  }

  /**
   * Connects from an event loop: there the connect future completes on that loop, so the socket
   * handlers are installed before the server's first bytes are read. (From the test thread, the
   * ProtocolVersion the server sends at once could arrive before the handler and be dropped.)
   */
  static Future<RfbTestClient> connect(Vertx vertx, int port) {
    Promise<RfbTestClient> connected = Promise.promise();
    vertx.runOnContext(v -> {
      NetClient client = vertx.createNetClient();
      client.connect(port, "127.0.0.1")
        .onFailure(err -> client.close())
        .map(socket -> new RfbTestClient(vertx, client, socket))
        .onComplete(connected);
    });
    return connected.future();
  }

  /** Completes with exactly the next {@code n} bytes the server sends. */
  synchronized Future<Buffer> read(int n) {
    if (reader != null) {
      return Future.failedFuture("a read is already waiting");
    }
    wanted = n;
    reader = Promise.promise();
    Future<Buffer> result = reader.future();
    deliver();
    return result;
  }

  private synchronized void received(Buffer data) {
    inbox.appendBuffer(data);
    deliver();
  }

  private void deliver() {
    if (reader != null && inbox.length() >= wanted) {
      Promise<Buffer> done = reader;
      Buffer chunk = inbox.getBuffer(0, wanted);
      inbox = inbox.getBuffer(wanted, inbox.length());
      reader = null;
      done.complete(chunk);
    }
  }

  Future<Void> write(Buffer data) {
    return socket.write(data);
  }

  /**
   * Writes one byte at a time. Chained writes alone get coalesced into one or two segments; a
   * 1 ms timer between them lets the server's event loop read each byte on its own.
   */
  Future<Void> writeByteByByte(Buffer data) {
    Future<Void> chain = Future.succeededFuture();
    for (int i = 0; i < data.length(); i++) {
      Buffer one = data.getBuffer(i, i + 1);
      chain = chain.compose(v -> socket.write(one)).compose(v -> vertx.timer(1).mapEmpty());
    }
    return chain;
  }

  Future<Void> closed() {
    return closed.future();
  }

  /** Version 3.8, security None, SecurityResult OK, shared ClientInit; yields the ServerInit. */
  Future<ServerInit> handshake() {
    return read(12)
      .compose(version -> write(Buffer.buffer("RFB 003.008\n")))
      .compose(v -> read(2))
      .compose(types -> {
        if (types.getUnsignedByte(0) != 1 || types.getUnsignedByte(1) != 1) {
          return Future.failedFuture("expected exactly security type None, got " + types);
        }
        return write(Buffer.buffer().appendByte((byte) 1)).compose(v -> read(4));
      })
      .compose(result -> result.getInt(0) == 0 ? write(clientInit()) : Future.failedFuture("SecurityResult " + result))
      .compose(v -> readServerInit());
  }

  Future<ServerInit> readServerInit() {
    return read(24).compose(head -> read(head.getInt(20)).map(name -> new ServerInit(head.getUnsignedShort(0),
      head.getUnsignedShort(2), PixelFormat.read(head, 4), name.toString(StandardCharsets.UTF_8))));
  }

  /** Reads one FramebufferUpdate of Raw rectangles, in the format last sent with SetPixelFormat. */
  Future<List<Rectangle>> readUpdate() {
    return read(4).compose(head -> head.getUnsignedByte(0) != 0
      ? Future.failedFuture("expected FramebufferUpdate, got message type " + head.getUnsignedByte(0))
      : readRectangles(head.getUnsignedShort(2), new ArrayList<>()));
  }

  private Future<List<Rectangle>> readRectangles(int left, List<Rectangle> done) {
    if (left == 0) {
      return Future.succeededFuture(done);
    }
    return read(12).compose(head -> {
      Rect area = new Rect(head.getUnsignedShort(0), head.getUnsignedShort(2), head.getUnsignedShort(4), head.getUnsignedShort(6));
      return read(area.width() * area.height() * bytesPerPixel).compose(pixels -> {
        done.add(new Rectangle(area, head.getInt(8), pixels));
        return readRectangles(left - 1, done);
      });
    });
  }

  static Buffer clientInit() {
    return Buffer.buffer().appendByte((byte) 1);
  }

  Buffer setPixelFormat(PixelFormat format) {
    bytesPerPixel = format.bytesPerPixel();
    return format.appendTo(Buffer.buffer().appendByte((byte) 0).appendBytes(new byte[3]));
  }

  static Buffer setEncodings(int... encodings) {
    Buffer message = Buffer.buffer().appendByte((byte) 2).appendByte((byte) 0).appendUnsignedShort(encodings.length);
    for (int encoding : encodings) {
      message.appendInt(encoding);
    }
    return message;
  }

  static Buffer updateRequest(boolean incremental, Rect area) {
    return Buffer.buffer().appendByte((byte) 3).appendByte((byte) (incremental ? 1 : 0))
      .appendUnsignedShort(area.x()).appendUnsignedShort(area.y())
      .appendUnsignedShort(area.width()).appendUnsignedShort(area.height());
  }

  static Buffer pointer(int buttons, int x, int y) {
    return Buffer.buffer().appendByte((byte) 5).appendByte((byte) buttons).appendUnsignedShort(x).appendUnsignedShort(y);
  }

  static Buffer key(boolean down, int keysym) {
    return Buffer.buffer().appendByte((byte) 4).appendByte((byte) (down ? 1 : 0)).appendBytes(new byte[2]).appendInt(keysym);
  }

  static Buffer cutText(long length) {
    return Buffer.buffer().appendByte((byte) 6).appendBytes(new byte[3]).appendUnsignedInt(length);
  }
}
