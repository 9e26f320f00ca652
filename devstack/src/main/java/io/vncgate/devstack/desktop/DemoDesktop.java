package io.vncgate.devstack.desktop;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tiny VNC server in pure Java, so the local stack has a desktop to show when the machine has
 * no real VNC server. It speaks enough RFB 3.8 (security None, Raw encoding) for noVNC, shows a
 * gradient "desktop" and lets people paint on it with the mouse and change colour with keys.
 * Every connected client sees the same picture.
 *
 * <p>Deploy one instance: the picture lives in the verticle, so several instances would show
 * several unrelated desktops behind one port.
 */
public final class DemoDesktop extends VerticleBase {

  /** Default framebuffer size; small enough that a full Raw update is under 2 MB. */
  public static final int DEFAULT_WIDTH = 800;
  public static final int DEFAULT_HEIGHT = 600;
  public static final String DEFAULT_NAME = "vncgate demo desktop";

  private static final Logger LOG = LoggerFactory.getLogger(DemoDesktop.class);

  private final String host;
  private final int port;
  private final int width;
  private final int height;
  private final String name;
  private NetServer server;
  private long sessions;

  /** An 800x600 demo desktop listening on {@code host:port}; port 0 picks a free port. */
  public DemoDesktop(String host, int port) {
    this(host, port, DEFAULT_WIDTH, DEFAULT_HEIGHT, DEFAULT_NAME);
  }

  /** A demo desktop of the given size and name, as announced in ServerInit. */
  public DemoDesktop(String host, int port, int width, int height, String name) {
    if (port < 0 || port > 0xFFFF) {
      throw new IllegalArgumentException("demo desktop port must be 0..65535, got " + port);
    }
    this.host = host;
    this.port = port;
    this.width = width;
    this.height = height;
    this.name = name;
  }

  @Override
  public Future<?> start() {
    DemoScene scene = new DemoScene(new Framebuffer(width, height));
    server = vertx.createNetServer(new NetServerOptions().setHost(host).setPort(port));
    server.connectHandler(socket -> {
      String id = "desktop-" + ++sessions;
      LOG.info("{} connected from {}", id, socket.remoteAddress());
      new RfbSession(id, socket, scene, name).start();
    });
    return server.listen()
      .onSuccess(s -> LOG.info("demo desktop {}x{} listening on {}:{}", width, height, host, s.actualPort()))
      .recover(err -> Future.failedFuture(
        new IllegalStateException("demo desktop cannot listen on " + host + ":" + port + ": " + err.getMessage(), err)));
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  /** The port actually bound, useful when constructed with port 0; only valid after start. */
  public int actualPort() {
    if (server == null || server.actualPort() <= 0) {
      throw new IllegalStateException("demo desktop is not listening yet");
    }
    return server.actualPort();
  }
}
