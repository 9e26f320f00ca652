package io.vncgate.devstack.desktop;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

class PixelFormatTest {

  private final Framebuffer framebuffer = new Framebuffer(2, 1);

  PixelFormatTest() {
    framebuffer.fill(new Rect(0, 0, 1, 1), 0xFF8000);
    framebuffer.fill(new Rect(1, 0, 1, 1), 0x0000FF);
  }

  /** The padding byte is 0xFF, not 0: see {@link PixelFormat#unusedBits()}. */
  @Test
  void serverDefaultPutsBlueInTheLowByte() {
    assertArrayEquals(new byte[] {0x00, (byte) 0x80, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0, 0, (byte) 0xFF},
      PixelFormat.SERVER_DEFAULT.encode(framebuffer, framebuffer.bounds()));
  }

  @Test
  void clientShiftsAreHonoured() {
    assertArrayEquals(new byte[] {(byte) 0xFF, (byte) 0x80, 0x00, (byte) 0xFF, 0, 0, (byte) 0xFF, (byte) 0xFF},
      DemoDesktopTest.NOVNC.encode(framebuffer, framebuffer.bounds()));
  }

  @Test
  void sixteenBitBigEndianScalesChannels() {
    PixelFormat rgb565 = new PixelFormat(16, 16, true, true, 31, 63, 31, 11, 5, 0);
    // 0xFF8000 -> r 31, g 32, b 0 -> 0b11111_100000_00000 = 0xFC00; pure blue -> 0x001F.
    assertArrayEquals(new byte[] {(byte) 0xFC, 0x00, 0x00, 0x1F}, rgb565.encode(framebuffer, framebuffer.bounds()));
  }

  @Test
  void wireFormatRoundTripsAndColourMapsAreRefused() {
    Buffer wire = PixelFormat.SERVER_DEFAULT.appendTo(Buffer.buffer());
    assertEquals(PixelFormat.WIRE_SIZE, wire.length());
    assertEquals(PixelFormat.SERVER_DEFAULT, PixelFormat.read(wire, 0));
    assertNull(DemoDesktopTest.NOVNC.problem());
    assertNotNull(new PixelFormat(8, 8, false, false, 0, 0, 0, 0, 0, 0).problem());
  }
}
