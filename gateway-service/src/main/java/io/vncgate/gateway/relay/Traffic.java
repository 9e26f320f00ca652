package io.vncgate.gateway.relay;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;

/**
 * Bytes a session moved each way. Only its event loop writes and reads the counts, so plain
 * fields suffice.
 */
public final class Traffic {

  private long toDesktop;
  private long toBrowser;

  public long toDesktop() {
    return toDesktop;
  }

  public long toBrowser() {
    return toBrowser;
  }

  void addToDesktop(long bytes) {
    toDesktop += bytes;
  }

  void addToBrowser(long bytes) {
    toBrowser += bytes;
  }

  /** A write stream that counts what passes into {@code target} towards the desktop. */
  WriteStream<Buffer> countingToDesktop(WriteStream<Buffer> target) {
    return new Counting(target, true);
  }

  /** A write stream that counts what passes into {@code target} towards the browser. */
  WriteStream<Buffer> countingToBrowser(WriteStream<Buffer> target) {
    return new Counting(target, false);
  }

  private final class Counting implements WriteStream<Buffer> {

    private final WriteStream<Buffer> target;
    private final boolean desktopBound;

    Counting(WriteStream<Buffer> target, boolean desktopBound) {
      this.target = target;
      this.desktopBound = desktopBound;
    }

    @Override
    public Future<Void> write(Buffer data) {
      if (desktopBound) {
        toDesktop += data.length();
      } else {
        toBrowser += data.length();
      }
      return target.write(data);
    }

    @Override
    public Future<Void> end() {
      return target.end();
    }

    @Override
    public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
      target.exceptionHandler(handler);
      return this;
    }

    @Override
    public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
      target.setWriteQueueMaxSize(maxSize);
      return this;
    }

    @Override
    public boolean writeQueueFull() {
      return target.writeQueueFull();
    }

    @Override
    public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
      target.drainHandler(handler);
      return this;
    }
  }
}
