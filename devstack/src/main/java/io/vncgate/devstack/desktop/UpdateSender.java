package io.vncgate.devstack.desktop;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides when one client gets a FramebufferUpdate (RFC 6143 §7.6.1) and writes it.
 *
 * <p>RFB is pull-based: the server may only send an update after a FramebufferUpdateRequest.
 * So this keeps two things: the client's outstanding request, and what changed since the last
 * update (one union rectangle, so memory stays constant however much is painted). An update is
 * sent when both meet, and never while the socket's write queue is full: then it waits for
 * drain, and further changes merely grow the dirty rectangle instead of queueing more bytes.
 */
final class UpdateSender {

  private static final Logger LOG = LoggerFactory.getLogger(UpdateSender.class);
  private static final int FRAMEBUFFER_UPDATE = 0;
  private static final int RAW_ENCODING = 0;

  private final String sessionId;
  private final WriteStream<Buffer> out;
  private final Framebuffer framebuffer;
  private PixelFormat format = PixelFormat.SERVER_DEFAULT;
  private Rect requested;
  private Rect dirty;
  private boolean awaitingDrain;

  UpdateSender(String sessionId, WriteStream<Buffer> out, Framebuffer framebuffer) {
    this.sessionId = sessionId;
    this.out = out;
    this.framebuffer = framebuffer;
  }

  void format(PixelFormat format) {
    this.format = format;
  }

  /** A FramebufferUpdateRequest; a non-incremental one wants the whole area, changed or not. */
  void request(Rect area, boolean incremental) {
    Rect onScreen = area.intersect(framebuffer.bounds());
    if (!incremental) {
      dirty = Rect.union(dirty, onScreen);
    }
    requested = Rect.union(requested, onScreen);
    trySend();
  }

  /** Called by the framebuffer when pixels changed. */
  void changed(Rect region) {
    dirty = Rect.union(dirty, region);
    trySend();
  }

  private void trySend() {
    if (requested == null || dirty == null || awaitingDrain) {
      return;
    }
    Rect area = dirty.intersect(requested);
    if (area.isEmpty()) {
      return;
    }
    if (out.writeQueueFull()) {
      awaitingDrain = true;
      out.drainHandler(v -> {
        awaitingDrain = false;
        trySend();
      });
      return;
    }
    // Whatever of the dirty region lay outside the request stays dirty for the next one.
    if (area.equals(dirty)) {
      dirty = null;
    }
    requested = null;
    out.write(encode(area)).onFailure(err -> LOG.debug("{} update not delivered: {}", sessionId, err.getMessage()));
  }

  private Buffer encode(Rect area) {
    byte[] pixels = format.encode(framebuffer, area);
    return Buffer.buffer(16 + pixels.length)
      .appendUnsignedByte((short) FRAMEBUFFER_UPDATE)
      .appendUnsignedByte((short) 0)
      .appendUnsignedShort(1)
      .appendUnsignedShort(area.x())
      .appendUnsignedShort(area.y())
      .appendUnsignedShort(area.width())
      .appendUnsignedShort(area.height())
      .appendInt(RAW_ENCODING)
      .appendBytes(pixels);
  }
}
