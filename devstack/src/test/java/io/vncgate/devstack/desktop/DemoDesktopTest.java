package io.vncgate.devstack.desktop;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A real demo desktop on a loopback port, driven through the full RFB exchange. */
@ExtendWith(VertxExtension.class)
class DemoDesktopTest {

  /** What noVNC 1.7 sends: 32 bpp, depth 24, little-endian, red in the low byte. */
  static final PixelFormat NOVNC = new PixelFormat(32, 24, false, true, 255, 255, 255, 0, 8, 16);
  private static final Rect SCREEN = new Rect(0, 0, DemoDesktop.DEFAULT_WIDTH, DemoDesktop.DEFAULT_HEIGHT);

  private int port;

  @BeforeEach
  void deploy(Vertx vertx) {
    DemoDesktop desktop = new DemoDesktop("127.0.0.1", 0);
    vertx.deployVerticle(desktop).await();
    port = desktop.actualPort();
  }

  @Test
  void fullUpdateCoversTheScreenInTheClientsPixelFormat(Vertx vertx, VertxTestContext ctx) {
    RfbTestClient[] client = new RfbTestClient[1];
    RfbTestClient.connect(vertx, port)
      .compose(c -> (client[0] = c).handshake())
      .compose(init -> {
        ctx.verify(() -> {
          assertEquals(800, init.width());
          assertEquals(600, init.height());
          assertEquals("vncgate demo desktop", init.name());
          assertEquals(PixelFormat.SERVER_DEFAULT, init.format());
        });
        return client[0].write(client[0].setPixelFormat(NOVNC).appendBuffer(RfbTestClient.setEncodings(0))
          .appendBuffer(RfbTestClient.updateRequest(false, SCREEN)));
      })
      .compose(v -> client[0].readUpdate())
      .compose(update -> {
        ctx.verify(() -> {
          assertEquals(1, update.size());
          assertEquals(SCREEN, update.get(0).area());
          assertEquals(0, update.get(0).encoding());
          assertEquals(800 * 600 * 4, update.get(0).pixels().length());
          // (5, 5) is plain title bar, 0x20232A: noVNC's shifts put red in the first byte.
          assertEquals(bytes(0x20, 0x23, 0x2A, 0xFF), update.get(0).pixelAt(5, 5, 4));
        });
        return client[0].write(client[0].setPixelFormat(PixelFormat.SERVER_DEFAULT)
          .appendBuffer(RfbTestClient.updateRequest(false, new Rect(0, 0, 10, 10))));
      })
      .compose(v -> client[0].readUpdate())
      .onComplete(ctx.succeeding(update -> ctx.verify(() -> {
        assertEquals(new Rect(0, 0, 10, 10), update.get(0).area());
        assertEquals(bytes(0x2A, 0x23, 0x20, 0xFF), update.get(0).pixelAt(5, 5, 4));
        ctx.completeNow();
      })));
  }

  @Test
  void pointerDragIsAnsweredWithAnIncrementalUpdateOfThePaintedPixels(Vertx vertx, VertxTestContext ctx) {
    RfbTestClient[] client = new RfbTestClient[1];
    Buffer[] before = new Buffer[1];
    RfbTestClient.connect(vertx, port)
      .compose(c -> (client[0] = c).handshake())
      .compose(init -> client[0].write(client[0].setPixelFormat(NOVNC).appendBuffer(RfbTestClient.updateRequest(false, SCREEN))))
      .compose(v -> client[0].readUpdate())
      .compose(full -> {
        before[0] = full.get(0).pixelAt(200, 300, 4);
        return client[0].write(RfbTestClient.updateRequest(true, SCREEN)
          .appendBuffer(RfbTestClient.pointer(1, 200, 300))
          .appendBuffer(RfbTestClient.pointer(1, 260, 300))
          .appendBuffer(RfbTestClient.pointer(0, 260, 300)));
      })
      .compose(v -> client[0].readUpdate())
      .onComplete(ctx.succeeding(update -> ctx.verify(() -> {
        RfbTestClient.Rectangle painted = update.get(0);
        assertTrue(painted.area().contains(200, 300), "update " + painted.area() + " misses the pointer");
        assertTrue(painted.area().width() < SCREEN.width(), "incremental update should carry only the stroke");
        Buffer after = painted.pixelAt(200, 300, 4);
        assertNotEquals(before[0], after);
        assertEquals(rgbInNoVncOrder(DemoScene.PALETTE[0]), after);
        ctx.completeNow();
      })));
  }

  @Test
  void clientsShareTheScreen(Vertx vertx, VertxTestContext ctx) {
    RfbTestClient[] painter = new RfbTestClient[1];
    RfbTestClient[] watcher = new RfbTestClient[1];
    RfbTestClient.connect(vertx, port)
      .compose(c -> (painter[0] = c).handshake())
      .compose(init -> RfbTestClient.connect(vertx, port))
      .compose(c -> (watcher[0] = c).handshake())
      .compose(init -> watcher[0].write(watcher[0].setPixelFormat(NOVNC).appendBuffer(RfbTestClient.updateRequest(false, SCREEN))))
      .compose(v -> watcher[0].readUpdate())
      .compose(full -> watcher[0].write(RfbTestClient.updateRequest(true, SCREEN)))
      .compose(v -> {
        // Whichever reaches the server first, request or stroke, the watcher's next update carries it.
        Future<List<RfbTestClient.Rectangle>> seen = watcher[0].readUpdate();
        return painter[0].write(RfbTestClient.pointer(1, 400, 400).appendBuffer(RfbTestClient.pointer(0, 400, 400)))
          .compose(v2 -> seen);
      })
      .onComplete(ctx.succeeding(update -> ctx.verify(() -> {
        assertEquals(rgbInNoVncOrder(DemoScene.PALETTE[0]), update.get(0).pixelAt(400, 400, 4));
        ctx.completeNow();
      })));
  }

  @Test
  void keyPressChangesThePaintColour(Vertx vertx, VertxTestContext ctx) {
    RfbTestClient[] client = new RfbTestClient[1];
    int keysym = 'b';
    int expected = DemoScene.PALETTE[keysym % DemoScene.PALETTE.length];
    RfbTestClient.connect(vertx, port)
      .compose(c -> (client[0] = c).handshake())
      .compose(init -> client[0].write(client[0].setPixelFormat(NOVNC)
        .appendBuffer(RfbTestClient.key(true, keysym)).appendBuffer(RfbTestClient.key(false, keysym))
        .appendBuffer(RfbTestClient.pointer(1, 100, 500)).appendBuffer(RfbTestClient.pointer(0, 100, 500))
        .appendBuffer(RfbTestClient.updateRequest(false, SCREEN))))
      .compose(v -> client[0].readUpdate())
      .onComplete(ctx.succeeding(update -> ctx.verify(() -> {
        assertNotEquals(DemoScene.PALETTE[0], expected);
        assertEquals(rgbInNoVncOrder(expected), update.get(0).pixelAt(100, 500, 4));
        ctx.completeNow();
      })));
  }

  static Buffer bytes(int... values) {
    Buffer buffer = Buffer.buffer();
    for (int value : values) {
      buffer.appendByte((byte) value);
    }
    return buffer;
  }

  static Buffer rgbInNoVncOrder(int rgb) {
    return bytes(rgb >> 16 & 0xFF, rgb >> 8 & 0xFF, rgb & 0xFF, 0xFF);
  }
}
