package io.vncgate.testkit;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.streams.WriteStream;
import io.vertx.core.buffer.Buffer;

import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Writes {@code total} random bytes into a stream as fast as its write queue allows, and tells
 * when it stalls: the queue is full and nothing has drained for a while. A stall while the far
 * end is not reading proves backpressure reached the writer.
 */
public final class Pump {

  private final Vertx vertx;
  private final WriteStream<Buffer> out;
  private final long total;
  private final int chunkSize;
  private final SplittableRandom random = new SplittableRandom(42);
  private final StreamDigest sent = new StreamDigest();
  private final Promise<Long> stalled = Promise.promise();
  private final Promise<String> done = Promise.promise();
  private final Function<Buffer, Future<Void>> writer;
  private long lastProgressAt = System.nanoTime();

  public Pump(Vertx vertx, WriteStream<Buffer> out, long total, int chunkSize, Function<Buffer, Future<Void>> writer) {
    this.vertx = vertx;
    this.out = out;
    this.total = total;
    this.chunkSize = chunkSize;
    this.writer = writer;
  }

  /** Starts writing; the future gives the SHA-256 of all bytes once they are written. */
  public Future<String> start(long stallMillis) {
    long timer = vertx.setPeriodic(50, t -> {
      if (!done.future().isComplete() && out.writeQueueFull()
        && System.nanoTime() - lastProgressAt > stallMillis * 1_000_000) {
        stalled.tryComplete(sent.bytes());
      }
    });
    done.future().onComplete(ar -> vertx.cancelTimer(timer));
    write();
    return done.future();
  }

  /** Completes with the bytes written so far when the writer stalls (never, if it never does). */
  public Future<Long> stalled() {
    return stalled.future();
  }

  private synchronized void write() {
    while (sent.bytes() < total) {
      if (out.writeQueueFull()) {
        out.drainHandler(v -> {
          lastProgressAt = System.nanoTime();
          write();
        });
        // The queue may have drained between the check and the handler (writes can come from
        // a thread other than the stream's): then no drain event comes, so go on here.
        if (out.writeQueueFull()) {
          return;
        }
        out.drainHandler(null);
      }
      Buffer chunk = StreamDigest.chunk(random, (int) Math.min(chunkSize, total - sent.bytes()));
      sent.update(chunk);
      writer.apply(chunk);
      lastProgressAt = System.nanoTime();
    }
    done.tryComplete(sent.hex());
  }
}
