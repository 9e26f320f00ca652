package io.vncgate.gateway.relay;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * Reads exact byte counts from a stream during a handshake, then hands the stream back (paused)
 * with whatever arrived beyond what was read, so the relay loses nothing.
 */
final class StreamReader {

  private final ReadStream<Buffer> stream;
  private Buffer buffer = Buffer.buffer();
  private int wanted;
  private Promise<Buffer> waiting;
  private boolean closed;

  StreamReader(ReadStream<Buffer> stream) {
    this.stream = stream;
    stream.handler(this::received);
    stream.endHandler(v -> {
      closed = true;
      fail("the connection closed during the handshake");
    });
    stream.exceptionHandler(err -> fail("the connection failed during the handshake: " + err.getMessage()));
    stream.resume();
  }

  /** The next {@code n} bytes. */
  Future<Buffer> read(int n) {
    if (closed) {
      return Future.failedFuture("the connection closed during the handshake");
    }
    Promise<Buffer> promise = Promise.promise();
    waiting = promise;
    wanted = n;
    deliver();
    return promise.future();
  }

  /** Pauses the stream, removes the handlers, and returns the bytes not read yet. */
  Buffer release() {
    stream.pause();
    stream.handler(null);
    stream.endHandler(null);
    stream.exceptionHandler(null);
    Buffer rest = buffer;
    buffer = Buffer.buffer();
    return rest;
  }

  private void received(Buffer data) {
    buffer.appendBuffer(data);
    deliver();
  }

  private void deliver() {
    if (waiting != null && buffer.length() >= wanted) {
      Promise<Buffer> done = waiting;
      waiting = null;
      Buffer head = buffer.getBuffer(0, wanted);
      buffer = buffer.getBuffer(wanted, buffer.length());
      done.complete(head);
    }
  }

  private void fail(String why) {
    if (waiting != null) {
      Promise<Buffer> failed = waiting;
      waiting = null;
      failed.fail(why);
    }
  }
}
