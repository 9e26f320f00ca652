package io.vncgate.testkit;

import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A real Redis for tests: the {@code redis-server} shipped in embedded-redis on a free loopback
 * port, or the server named by {@code VNCGATE_REDIS_URL} when that is set.
 */
public final class RedisTestServer implements AutoCloseable {

  private final RedisServer server;
  private final int port;
  private final String url;

  private RedisTestServer(RedisServer server, int port, String url) {
    this.server = server;
    this.port = port;
    this.url = url;
  }

  public static RedisTestServer start() {
    String external = System.getenv("VNCGATE_REDIS_URL");
    if (external != null && !external.isBlank()) {
      return new RedisTestServer(null, -1, external);
    }
    return startEmbedded(FreePorts.next());
  }

  /** Starts the bundled redis-server on the given port (restart tests reuse a port). */
  public static RedisTestServer startEmbedded(int port) {
    try {
      RedisServer server = RedisServer.newRedisServer()
        .port(port)
        .bind("127.0.0.1")
        .setting("save \"\"")
        .setting("appendonly no")
        .build();
      server.start();
      return new RedisTestServer(server, port, "redis://127.0.0.1:" + port);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code redis://host:port} of the server. */
  public String url() {
    return url;
  }

  /** The port of the embedded server, or -1 for an external one. */
  public int port() {
    return port;
  }

  @Override
  public void close() {
    if (server != null) {
      try {
        server.stop();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
