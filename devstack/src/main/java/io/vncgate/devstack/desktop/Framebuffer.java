package io.vncgate.devstack.desktop;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The shared screen: one {@code int} per pixel as {@code 0xRRGGBB}, plus the region changed
 * since the last {@link #publish()}. Drawing only accumulates; {@code publish()} tells every
 * session once, so a burst of strokes from one input message becomes one update, not many.
 *
 * <p>Confined to the event loop of the verticle that owns it; nothing here is thread-safe.
 */
final class Framebuffer {

  /** Computes the colour of one pixel, for fills that are not a single colour. */
  @FunctionalInterface
  interface Shader {
    int rgb(int x, int y);
  }

  private final int width;
  private final int height;
  private final int[] pixels;
  private final List<Consumer<Rect>> listeners = new ArrayList<>();
  private Rect changed;

  Framebuffer(int width, int height) {
    if (width <= 0 || height <= 0 || width > 0xFFFF || height > 0xFFFF) {
      throw new IllegalArgumentException("framebuffer size must be 1..65535 each way, got " + width + "x" + height);
    }
    this.width = width;
    this.height = height;
    this.pixels = new int[width * height];
  }

  int width() {
    return width;
  }

  int height() {
    return height;
  }

  Rect bounds() {
    return new Rect(0, 0, width, height);
  }

  int rgb(int x, int y) {
    return pixels[y * width + x];
  }

  void fill(Rect area, int rgb) {
    fill(area, (x, y) -> rgb);
  }

  /** Paints the part of {@code area} that lies on screen and records it as changed. */
  void fill(Rect area, Shader shader) {
    Rect clipped = area.intersect(bounds());
    if (clipped.isEmpty()) {
      return;
    }
    for (int y = clipped.y(); y < clipped.bottom(); y++) {
      int row = y * width;
      for (int x = clipped.x(); x < clipped.right(); x++) {
        pixels[row + x] = shader.rgb(x, y) & 0xFFFFFF;
      }
    }
    changed = Rect.union(changed, clipped);
  }

  /** Hands the region changed since the last call to every listener. */
  void publish() {
    Rect region = changed;
    changed = null;
    if (region != null) {
      // A listener may unsubscribe (its socket closed) while we notify; iterate over a copy.
      for (Consumer<Rect> listener : List.copyOf(listeners)) {
        listener.accept(region);
      }
    }
  }

  void addListener(Consumer<Rect> listener) {
    listeners.add(listener);
  }

  void removeListener(Consumer<Rect> listener) {
    listeners.remove(listener);
  }
}
