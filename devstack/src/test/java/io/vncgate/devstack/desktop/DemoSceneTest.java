package io.vncgate.devstack.desktop;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** What input does to the picture, without sockets. */
class DemoSceneTest {

  private final Framebuffer framebuffer = new Framebuffer(800, 600);
  private final DemoScene scene = new DemoScene(framebuffer);
  private final List<Rect> published = new ArrayList<>();

  DemoSceneTest() {
    framebuffer.addListener(published::add);
  }

  @Test
  void aFastDragLeavesAnUnbrokenLine() {
    DemoScene.Pen pen = scene.pen();
    pen.pointer(1, 100, 300);
    pen.pointer(1, 300, 300);
    pen.pointer(0, 300, 300);

    for (int x = 100; x <= 300; x++) {
      assertEquals(DemoScene.PALETTE[0], framebuffer.rgb(x, 300), "gap at x=" + x);
    }
    // One update per input message, each covering only what that message painted.
    assertEquals(2, published.size());
    assertEquals(Rect.of(96, 296, 8, 8), published.get(0));
  }

  @Test
  void theTitleBarCannotBePaintedOver() {
    scene.pen().pointer(1, 300, 10);

    assertEquals(DemoScene.TITLE_BAR, framebuffer.rgb(300, 10));
    assertEquals(List.of(), published);
  }

  @Test
  void theXButtonClearsThePainting() {
    int before = framebuffer.rgb(400, 400);
    DemoScene.Pen pen = scene.pen();
    pen.pointer(1, 400, 400);
    pen.pointer(0, 400, 400);
    scene.key(true, 'a');
    assertNotEquals(before, framebuffer.rgb(400, 400));
    published.clear();

    pen.pointer(1, 778, 18);

    assertEquals(before, framebuffer.rgb(400, 400));
    assertEquals(List.of(framebuffer.bounds()), published);
  }
}
