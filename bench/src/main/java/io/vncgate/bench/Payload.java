package io.vncgate.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

import java.nio.ByteBuffer;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Read-only payloads shared by every connection: off-heap (sockets write them without a copy),
 * never released (each write sends a {@code duplicate()}), and outside Netty's allocator, whose
 * leak detector would report them when a scenario drops its reference.
 */
public final class Payload {

  private Payload() {
  }

  /** {@code size} random bytes: incompressible, like encoded pixels. */
  public static ByteBuf random(int size) {
    byte[] bytes = new byte[size];
    ThreadLocalRandom.current().nextBytes(bytes);
    return of(bytes);
  }

  /** A copy of {@code bytes}' readable bytes (left as they are). */
  public static ByteBuf copyOf(ByteBuf bytes) {
    return of(ByteBufUtil.getBytes(bytes));
  }

  private static ByteBuf of(byte[] bytes) {
    ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
    return Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(direct));
  }
}
