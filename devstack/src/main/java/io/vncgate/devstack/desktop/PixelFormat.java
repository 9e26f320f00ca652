package io.vncgate.devstack.desktop;

import io.vertx.core.buffer.Buffer;

/**
 * An RFB PIXEL_FORMAT (RFC 6143 §7.4): how one pixel is laid out on the wire. The server
 * announces {@link #SERVER_DEFAULT}; clients may ask for another with SetPixelFormat, and every
 * later update must follow it (noVNC asks for red in the low byte, the opposite of our default).
 * Only true-colour formats of 8, 16 or 32 bits per pixel are supported.
 */
record PixelFormat(int bitsPerPixel, int depth, boolean bigEndian, boolean trueColour,
                   int redMax, int greenMax, int blueMax, int redShift, int greenShift, int blueShift) {

  /** 32 bits per pixel, depth 24, little-endian, {@code 0x00RRGGBB}. */
  static final PixelFormat SERVER_DEFAULT = new PixelFormat(32, 24, false, true, 255, 255, 255, 16, 8, 0);

  /** Size of the PIXEL_FORMAT structure, padding included. */
  static final int WIRE_SIZE = 16;

  /** Reads the 16-byte structure starting at {@code offset}. */
  static PixelFormat read(Buffer buffer, int offset) {
    return new PixelFormat(buffer.getUnsignedByte(offset), buffer.getUnsignedByte(offset + 1),
      buffer.getUnsignedByte(offset + 2) != 0, buffer.getUnsignedByte(offset + 3) != 0,
      buffer.getUnsignedShort(offset + 4), buffer.getUnsignedShort(offset + 6), buffer.getUnsignedShort(offset + 8),
      buffer.getUnsignedByte(offset + 10), buffer.getUnsignedByte(offset + 11), buffer.getUnsignedByte(offset + 12));
  }

  Buffer appendTo(Buffer buffer) {
    return buffer.appendUnsignedByte((short) bitsPerPixel).appendUnsignedByte((short) depth)
      .appendUnsignedByte((short) (bigEndian ? 1 : 0)).appendUnsignedByte((short) (trueColour ? 1 : 0))
      .appendUnsignedShort(redMax).appendUnsignedShort(greenMax).appendUnsignedShort(blueMax)
      .appendUnsignedByte((short) redShift).appendUnsignedByte((short) greenShift).appendUnsignedByte((short) blueShift)
      .appendBytes(new byte[3]);
  }

  /** Why this format cannot be served, or {@code null} when it can. */
  String problem() {
    if (bitsPerPixel != 8 && bitsPerPixel != 16 && bitsPerPixel != 32) {
      return "unsupported bits-per-pixel " + bitsPerPixel;
    }
    if (!trueColour) {
      return "colour-map formats are not supported";
    }
    if (redMax == 0 || greenMax == 0 || blueMax == 0 || redShift >= bitsPerPixel
      || greenShift >= bitsPerPixel || blueShift >= bitsPerPixel) {
      return "invalid colour maxima or shifts";
    }
    return null;
  }

  int bytesPerPixel() {
    return bitsPerPixel / 8;
  }

  /** The pixel value of {@code 0xRRGGBB}, scaled to this format's maxima (rounded). */
  int pixel(int rgb) {
    int r = (rgb >> 16) & 0xFF;
    int g = (rgb >> 8) & 0xFF;
    int b = rgb & 0xFF;
    return scale(r, redMax) << redShift | scale(g, greenMax) << greenShift | scale(b, blueMax) << blueShift;
  }

  private static int scale(int channel, int max) {
    return max == 255 ? channel : (channel * max + 127) / 255;
  }

  /**
   * Bits of a pixel that no colour channel uses. Clients must ignore them, but noVNC up to 1.3
   * (the one Debian 12 packages) ends up using the padding byte of a 32-bit Raw pixel as alpha,
   * so we send them set: with 0 there, everything after the first chunk would be transparent.
   */
  int unusedBits() {
    int all = bitsPerPixel == 32 ? -1 : (1 << bitsPerPixel) - 1;
    return all & ~(redMax << redShift | greenMax << greenShift | blueMax << blueShift);
  }

  /** Raw-encodes {@code area} of the framebuffer: rows top to bottom, pixels left to right. */
  byte[] encode(Framebuffer framebuffer, Rect area) {
    int size = bytesPerPixel();
    int padding = unusedBits();
    byte[] out = new byte[area.width() * area.height() * size];
    int at = 0;
    for (int y = area.y(); y < area.bottom(); y++) {
      for (int x = area.x(); x < area.right(); x++) {
        int value = pixel(framebuffer.rgb(x, y)) | padding;
        for (int i = 0; i < size; i++) {
          int shift = bigEndian ? (size - 1 - i) * 8 : i * 8;
          out[at++] = (byte) (value >>> shift);
        }
      }
    }
    return out;
  }
}
