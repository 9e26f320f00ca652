package io.vncgate.devstack.desktop;

/**
 * What the demo desktop shows and how it reacts: a gradient canvas under a title bar, strokes
 * where button 1 is dragged, a new paint colour (and a block in the bottom row) per key press,
 * and an X button that clears everything. The point is only to make a live connection visible.
 */
final class DemoScene {

  static final int TITLE_BAR_HEIGHT = 36;
  static final int TITLE_BAR = 0x20232A;
  static final int[] PALETTE = {0xFFD166, 0xEF476F, 0x06D6A0, 0x4CC9F0, 0xFF8C42, 0xFFFFFF, 0xB388EB, 0x00F5D4};
  static final int BRUSH = 8;
  private static final int TOP_LEFT = 0x2B5876;
  private static final int BOTTOM_RIGHT = 0x4E4376;
  private static final int KEY_BLOCK = 12;
  private static final String HINT = "Drag to paint.  Type to change colour.  Click X to clear.";

  private final Framebuffer framebuffer;
  private final Rect canvas;
  private final Rect clearButton;
  private final Rect swatch;
  private int colour = PALETTE[0];
  private int keyBlocks;

  DemoScene(Framebuffer framebuffer) {
    this.framebuffer = framebuffer;
    int width = framebuffer.width();
    this.canvas = Rect.of(0, TITLE_BAR_HEIGHT, width, framebuffer.height() - TITLE_BAR_HEIGHT);
    this.clearButton = new Rect(width - 34, 6, 24, 24);
    this.swatch = new Rect(width - 66, 6, 24, 24);
    drawAll();
    framebuffer.publish();
  }

  Framebuffer framebuffer() {
    return framebuffer;
  }

  /** A pointer for one client: drags are tracked per connection, the picture is shared. */
  Pen pen() {
    return new Pen();
  }

  /** A KeyEvent: each press picks a colour from the keysym and appends a block to the bottom row. */
  void key(boolean down, long keysym) {
    if (!down) {
      return;
    }
    colour = PALETTE[(int) (keysym % PALETTE.length)];
    framebuffer.fill(swatch, colour);
    int perRow = (framebuffer.width() - 16) / (KEY_BLOCK + 2);
    if (keyBlocks == perRow) {
      keyBlocks = 0;
      framebuffer.fill(keyRow(), this::background);
    }
    framebuffer.fill(Rect.of(8 + keyBlocks++ * (KEY_BLOCK + 2), keyRow().y(), KEY_BLOCK, KEY_BLOCK), colour);
    framebuffer.publish();
  }

  final class Pen {
    private boolean down;
    private int lastX;
    private int lastY;

    private Pen() {
    }

    /** A PointerEvent: {@code buttons} is the RFB button mask, bit 0 the left button. */
    void pointer(int buttons, int x, int y) {
      boolean pressed = (buttons & 1) != 0;
      if (pressed && !down && clearButton.contains(x, y)) {
        keyBlocks = 0;
        drawAll();
      } else if (pressed && down) {
        stroke(lastX, lastY, x, y);
      } else if (pressed) {
        dab(x, y);
      }
      down = pressed;
      lastX = x;
      lastY = y;
      framebuffer.publish();
    }
  }

  /** Dabs along the segment at half-brush spacing so fast drags still leave a solid line. */
  private void stroke(int fromX, int fromY, int toX, int toY) {
    int steps = Math.max(Math.abs(toX - fromX), Math.abs(toY - fromY)) / (BRUSH / 2) + 1;
    for (int i = 1; i <= steps; i++) {
      dab(fromX + (toX - fromX) * i / steps, fromY + (toY - fromY) * i / steps);
    }
  }

  private void dab(int x, int y) {
    framebuffer.fill(Rect.of(x - BRUSH / 2, y - BRUSH / 2, BRUSH, BRUSH).intersect(canvas), colour);
  }

  private Rect keyRow() {
    return Rect.of(0, framebuffer.height() - KEY_BLOCK - 8, framebuffer.width(), KEY_BLOCK);
  }

  private void drawAll() {
    framebuffer.fill(canvas, this::background);
    framebuffer.fill(Rect.of(0, 0, framebuffer.width(), TITLE_BAR_HEIGHT), TITLE_BAR);
    int[] lights = {0xFF5F56, 0xFFBD2E, 0x27C93F};
    for (int i = 0; i < lights.length; i++) {
      int centreX = 18 + i * 20;
      int rgb = lights[i];
      framebuffer.fill(Rect.of(centreX - 6, 12, 12, 12), (x, y) -> {
        int dx = 2 * (x - centreX) + 1;
        int dy = 2 * (y - 18) + 1;
        return dx * dx + dy * dy <= 144 ? rgb : TITLE_BAR;
      });
    }
    BitmapFont.draw(framebuffer, "vncgate demo desktop", 84, 11, 2, 0xF0F0F0);
    framebuffer.fill(swatch, colour);
    drawClearButton();
    BitmapFont.draw(framebuffer, HINT, 12, TITLE_BAR_HEIGHT + 14, 2, 0xE0E6F0);
  }

  /** A dark square with a red X made of two 3-pixel-wide diagonals, inset 6 pixels. */
  private void drawClearButton() {
    int span = clearButton.width() - 13;
    framebuffer.fill(clearButton, (x, y) -> {
      int dx = x - clearButton.x() - 6;
      int dy = y - clearButton.y() - 6;
      boolean inside = dx >= 0 && dy >= 0 && dx <= span && dy <= span;
      boolean onCross = Math.abs(dx - dy) <= 1 || Math.abs(dx + dy - span) <= 1;
      return inside && onCross ? 0xFF5F56 : 0x3A3F4B;
    });
  }

  /** A diagonal gradient with a faint dot grid, cheap to recompute for any pixel. */
  private int background(int x, int y) {
    int t = (x + y) * 256 / (framebuffer.width() + framebuffer.height());
    int rgb = blend(TOP_LEFT, BOTTOM_RIGHT, t);
    return x % 40 < 2 && y % 40 < 2 ? blend(rgb, 0xFFFFFF, 48) : rgb;
  }

  private static int blend(int a, int b, int weight) {
    int r = ((a >> 16 & 0xFF) * (256 - weight) + (b >> 16 & 0xFF) * weight) >> 8;
    int g = ((a >> 8 & 0xFF) * (256 - weight) + (b >> 8 & 0xFF) * weight) >> 8;
    int bl = ((a & 0xFF) * (256 - weight) + (b & 0xFF) * weight) >> 8;
    return r << 16 | g << 8 | bl;
  }
}
