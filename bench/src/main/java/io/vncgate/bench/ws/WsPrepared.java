package io.vncgate.bench.ws;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.vncgate.bench.Payload;

import java.util.ArrayList;
import java.util.List;

/**
 * A whole client frame, encoded and masked in advance; {@link WsFrameEncoder} sends it as it is.
 *
 * <p>Why: a browser masks what it sends on its own machine, but the load generator shares the
 * bench's two cores with the relay it measures. Masking each upstream frame as it went cost the
 * generator 0.6–0.7 cores at about 1.1 GB/s (raw TCP's client sends a prepared buffer for almost
 * nothing), and the relay had that much less CPU. With prepared frames both clients send
 * prepared bytes. Each frame still has a random mask key of its own, so the relay unmasks every
 * byte as it does for a browser.
 */
public final class WsPrepared {

  private final ByteBuf wire;

  private WsPrepared(ByteBuf wire) {
    this.wire = wire;
  }

  /**
   * {@code count} final binary frames each carrying {@code payload} (left as it is), masked with
   * a key of their own; shared read-only, off-heap, never released (see {@link Payload}).
   */
  public static List<WsPrepared> binary(ByteBuf payload, int count) {
    List<WsPrepared> frames = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      ByteBuf frame = WsFrameEncoder.frame(ByteBufAllocator.DEFAULT, WsFrameEncoder.BINARY, payload.retainedDuplicate());
      try {
        frames.add(new WsPrepared(Payload.copyOf(frame)));
      } finally {
        frame.release();
      }
    }
    return frames;
  }

  /** The frame's bytes for one write. */
  ByteBuf wire() {
    return wire.duplicate();
  }
}
