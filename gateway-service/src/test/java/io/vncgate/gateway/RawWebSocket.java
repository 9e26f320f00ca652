package io.vncgate.gateway;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A WebSocket client written out by hand, for what a browser library will not do: ignore pings,
 * send nothing, or stall halfway through a handshake. It counts the pings it gets, never answers
 * them, and records the close frame's code.
 */
final class RawWebSocket {

  final AtomicInteger pings = new AtomicInteger();
  final Promise<Integer> closeCode = Promise.promise();
  final Promise<Void> closed = Promise.promise();
  final Promise<String> response = Promise.promise();
  /** The first binary frame's payload: the desktop's RFB banner once the relay runs. */
  final Promise<Buffer> firstData = Promise.promise();
  private final NetSocket socket;
  private Buffer in = Buffer.buffer();
  private boolean upgraded;

  private RawWebSocket(NetSocket socket) {
    this.socket = socket;
    socket.handler(this::received);
    socket.closeHandler(v -> closed.tryComplete());
  }

  /** Connects and sends {@code request} as is (or nothing, when null). */
  static Future<RawWebSocket> connect(Vertx vertx, NetClient client, int port, String request) {
    return client.connect(port, "127.0.0.1").map(socket -> {
      RawWebSocket ws = new RawWebSocket(socket);
      if (request != null) {
        socket.write(Buffer.buffer(request, "US-ASCII"));
      }
      return ws;
    });
  }

  static String upgrade(String uri, String extraHeaders) {
    return "GET " + uri + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
      + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n" + extraHeaders + "\r\n";
  }

  private void received(Buffer data) {
    in.appendBuffer(data);
    if (!upgraded) {
      String text = in.toString(StandardCharsets.ISO_8859_1);
      int end = text.indexOf("\r\n\r\n");
      if (end < 0) {
        return;
      }
      upgraded = true;
      response.tryComplete(text.substring(0, end));
      in = in.getBuffer(end + 4, in.length());
    }
    while (in.length() >= 2) {
      int opcode = in.getUnsignedByte(0) & 0x0f;
      int length = in.getUnsignedByte(1) & 0x7f;
      int header = 2;
      if (length == 126) {
        if (in.length() < 4) {
          return;
        }
        length = in.getUnsignedShort(2);
        header = 4;
      } else if (length == 127) {
        if (in.length() < 10) {
          return;
        }
        length = (int) in.getLong(2);
        header = 10;
      }
      if (in.length() < header + length) {
        return;
      }
      if (opcode == 0x9) {
        pings.incrementAndGet();
      } else if (opcode == 0x2) {
        firstData.tryComplete(in.getBuffer(header, header + length));
      } else if (opcode == 0x8) {
        closeCode.tryComplete(length >= 2 ? in.getUnsignedShort(header) : -1);
      }
      in = in.getBuffer(header + length, in.length());
    }
  }

  /** A masked binary frame with {@code payload}. */
  void sendBinary(Buffer payload) {
    sendFrame(0x82, payload);
  }

  /** One masked frame: {@code firstByte} holds FIN and the opcode (0x02 binary, 0x00 continuation). */
  void sendFrame(int firstByte, Buffer payload) {
    Buffer frame = Buffer.buffer().appendByte((byte) firstByte);
    int length = payload.length();
    if (length < 126) {
      frame.appendByte((byte) (0x80 | length));
    } else if (length < 65536) {
      frame.appendByte((byte) (0x80 | 126)).appendUnsignedShort(length);
    } else {
      frame.appendByte((byte) (0x80 | 127)).appendLong(length);
    }
    frame.appendInt(0);
    socket.write(frame.appendBuffer(payload));
  }

  void close() {
    socket.close();
  }
}
