package io.vncgate.devstack.desktop;

import java.util.Locale;

/**
 * A classic 5x7 capital-letter font, so the demo can tell a newcomer what to do without AWT or
 * font files. Each glyph is seven rows of five bits, top row first.
 */
final class BitmapFont {

  static final int GLYPH_WIDTH = 5;
  static final int GLYPH_HEIGHT = 7;

  private static final long[] GLYPHS = new long[128];

  static {
    define('A', "01110 10001 10001 11111 10001 10001 10001");
    define('B', "11110 10001 10001 11110 10001 10001 11110");
    define('C', "01110 10001 10000 10000 10000 10001 01110");
    define('D', "11110 10001 10001 10001 10001 10001 11110");
    define('E', "11111 10000 10000 11110 10000 10000 11111");
    define('F', "11111 10000 10000 11110 10000 10000 10000");
    define('G', "01110 10001 10000 10111 10001 10001 01111");
    define('H', "10001 10001 10001 11111 10001 10001 10001");
    define('I', "01110 00100 00100 00100 00100 00100 01110");
    define('J', "00111 00010 00010 00010 00010 10010 01100");
    define('K', "10001 10010 10100 11000 10100 10010 10001");
    define('L', "10000 10000 10000 10000 10000 10000 11111");
    define('M', "10001 11011 10101 10101 10001 10001 10001");
    define('N', "10001 10001 11001 10101 10011 10001 10001");
    define('O', "01110 10001 10001 10001 10001 10001 01110");
    define('P', "11110 10001 10001 11110 10000 10000 10000");
    define('Q', "01110 10001 10001 10001 10101 10010 01101");
    define('R', "11110 10001 10001 11110 10100 10010 10001");
    define('S', "01111 10000 10000 01110 00001 00001 11110");
    define('T', "11111 00100 00100 00100 00100 00100 00100");
    define('U', "10001 10001 10001 10001 10001 10001 01110");
    define('V', "10001 10001 10001 10001 10001 01010 00100");
    define('W', "10001 10001 10001 10101 10101 10101 01010");
    define('X', "10001 10001 01010 00100 01010 10001 10001");
    define('Y', "10001 10001 01010 00100 00100 00100 00100");
    define('Z', "11111 00001 00010 00100 01000 10000 11111");
    define('-', "00000 00000 00000 11111 00000 00000 00000");
    define('.', "00000 00000 00000 00000 00000 01100 01100");
    define(',', "00000 00000 00000 00000 01100 00100 01000");
    define(':', "00000 01100 01100 00000 01100 01100 00000");
  }

  private BitmapFont() {
  }

  private static void define(char c, String rows) {
    GLYPHS[c] = Long.parseLong(rows.replace(" ", ""), 2);
  }

  /** Horizontal distance from one character to the next at {@code scale}. */
  static int advance(int scale) {
    return (GLYPH_WIDTH + 1) * scale;
  }

  /** Draws upper-cased {@code text}; characters without a glyph (spaces included) stay blank. */
  static void draw(Framebuffer framebuffer, String text, int left, int top, int scale, int rgb) {
    String upper = text.toUpperCase(Locale.ROOT);
    for (int i = 0; i < upper.length(); i++) {
      char c = upper.charAt(i);
      long glyph = c < GLYPHS.length ? GLYPHS[c] : 0;
      int x0 = left + i * advance(scale);
      for (int row = 0; row < GLYPH_HEIGHT; row++) {
        for (int col = 0; col < GLYPH_WIDTH; col++) {
          int bit = (GLYPH_HEIGHT - 1 - row) * GLYPH_WIDTH + (GLYPH_WIDTH - 1 - col);
          if ((glyph >> bit & 1) != 0) {
            framebuffer.fill(Rect.of(x0 + col * scale, top + row * scale, scale, scale), rgb);
          }
        }
      }
    }
  }
}
