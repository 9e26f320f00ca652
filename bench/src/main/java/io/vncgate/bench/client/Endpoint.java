package io.vncgate.bench.client;

/**
 * Where a load goes: a backend directly over TCP ({@code raw}), or through the gateway or
 * websockify over WebSocket.
 *
 * @param target   {@code raw}, {@code gateway} or {@code websockify}
 * @param backend  {@code push}, {@code echo} or {@code sink}
 * @param port     TCP port on 127.0.0.1
 * @param path     the WebSocket request path with its query, or {@code null} for raw TCP
 * @param origin   the {@code Origin} header a browser page would send, or {@code null}
 * @param relay    the name of the process relaying the bytes in {@link io.vncgate.bench.proc.Sampler}
 *                 ({@code gateway}, {@code websockify-push}, …), {@code null} for raw TCP
 */
public record Endpoint(String target, String backend, int port, String path, String origin, String relay) {

  public static final String RAW = "raw";
  public static final String GATEWAY = "gateway";
  public static final String WEBSOCKIFY = "websockify";

  public boolean webSocket() {
    return path != null;
  }

  public String host() {
    return "127.0.0.1";
  }
}
