package io.vncgate.devstack.desktop;

/**
 * An axis-aligned rectangle of framebuffer pixels; {@code width} or {@code height} of 0 means
 * empty. Used for dirty regions and update requests, which RFB expresses the same way.
 */
record Rect(int x, int y, int width, int height) {

  static Rect of(int x, int y, int width, int height) {
    return new Rect(x, y, Math.max(0, width), Math.max(0, height));
  }

  boolean isEmpty() {
    return width <= 0 || height <= 0;
  }

  int right() {
    return x + width;
  }

  int bottom() {
    return y + height;
  }

  boolean contains(int px, int py) {
    return px >= x && py >= y && px < right() && py < bottom();
  }

  boolean contains(Rect other) {
    return other.isEmpty() || (other.x >= x && other.y >= y && other.right() <= right() && other.bottom() <= bottom());
  }

  /** The smallest rectangle covering both; either may be {@code null} or empty. */
  static Rect union(Rect a, Rect b) {
    if (a == null || a.isEmpty()) {
      return b == null || b.isEmpty() ? null : b;
    }
    if (b == null || b.isEmpty()) {
      return a;
    }
    int left = Math.min(a.x, b.x);
    int top = Math.min(a.y, b.y);
    return of(left, top, Math.max(a.right(), b.right()) - left, Math.max(a.bottom(), b.bottom()) - top);
  }

  /** The common part, possibly empty. */
  Rect intersect(Rect other) {
    int left = Math.max(x, other.x);
    int top = Math.max(y, other.y);
    return of(left, top, Math.min(right(), other.right()) - left, Math.min(bottom(), other.bottom()) - top);
  }
}
