package io.vncgate.devstack.desktop;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The update policy against a write stream whose queue we control: a socket cannot be made
 * reliably "full" on loopback, and the point here is what the sender does when it is.
 */
class UpdateSenderTest {

  private final Framebuffer framebuffer = new Framebuffer(40, 30);
  private final RecordingStream out = new RecordingStream();
  private final UpdateSender sender = new UpdateSender("test", out, framebuffer);

  @Test
  void incrementalRequestWaitsForAChange() {
    sender.request(framebuffer.bounds(), true);
    assertTrue(out.written.isEmpty());

    sender.changed(new Rect(3, 4, 5, 6));

    assertEquals(1, out.written.size());
    assertEquals(new Rect(3, 4, 5, 6), areaOf(out.written.get(0)));
    assertEquals(16 + 5 * 6 * 4, out.written.get(0).length());
  }

  @Test
  void changesWithoutARequestAreBatchedIntoOneUpdate() {
    sender.changed(new Rect(1, 1, 2, 2));
    sender.changed(new Rect(10, 5, 2, 2));
    assertTrue(out.written.isEmpty());

    sender.request(framebuffer.bounds(), true);

    assertEquals(List.of(new Rect(1, 1, 11, 6)), out.written.stream().map(UpdateSenderTest::areaOf).toList());
  }

  @Test
  void fullWriteQueueHoldsUpdatesUntilDrain() {
    out.full = true;
    sender.request(framebuffer.bounds(), false);
    sender.changed(new Rect(0, 0, 1, 1));
    assertTrue(out.written.isEmpty());
    assertNotNull(out.drain);

    out.full = false;
    out.drain.handle(null);

    assertEquals(List.of(framebuffer.bounds()), out.written.stream().map(UpdateSenderTest::areaOf).toList());
  }

  private static Rect areaOf(Buffer update) {
    assertEquals(0, update.getUnsignedByte(0));
    assertEquals(1, update.getUnsignedShort(2));
    return new Rect(update.getUnsignedShort(4), update.getUnsignedShort(6), update.getUnsignedShort(8), update.getUnsignedShort(10));
  }

  private static final class RecordingStream implements WriteStream<Buffer> {
    final List<Buffer> written = new ArrayList<>();
    boolean full;
    Handler<Void> drain;

    @Override
    public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
      return this;
    }

    @Override
    public Future<Void> write(Buffer data) {
      written.add(data);
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> end() {
      return Future.succeededFuture();
    }

    @Override
    public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
      return this;
    }

    @Override
    public boolean writeQueueFull() {
      return full;
    }

    @Override
    public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
      drain = handler;
      return this;
    }
  }
}
