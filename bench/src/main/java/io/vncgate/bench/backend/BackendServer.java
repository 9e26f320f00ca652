package io.vncgate.bench.backend;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.vertx.core.json.JsonObject;
import io.vncgate.bench.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Supplier;

/**
 * The bench's desktops, in a process of their own: TCP servers on 127.0.0.1 that each send the
 * RFB banner first and then
 * <ul>
 *   <li>push: stream 64 KiB chunks as fast as the connection takes them (framebuffer updates);</li>
 *   <li>echo: send back every byte (ping-pong, session setup, idle sessions);</li>
 *   <li>sink: discard and count every byte (upstream throughput);</li>
 * </ul>
 * plus a control port that answers each request line with {@link BackendStats} as JSON (see {@link ControlHandler}). The ports are
 * written, as one JSON object, to the file named by the first argument once all are listening.
 */
public final class BackendServer {

  private static final Logger LOG = LoggerFactory.getLogger(BackendServer.class);

  private BackendServer() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: backend PORTS-FILE");
    }
    BackendStats stats = new BackendStats();
    EventLoopGroup boss = Transport.group(1, "backend-accept");
    EventLoopGroup workers = Transport.group(Runtime.getRuntime().availableProcessors(), "backend");
    JsonObject ports = new JsonObject()
      .put("push", listen(boss, workers, stats, PushHandler::new))
      .put("echo", listen(boss, workers, stats, EchoHandler::new))
      .put("sink", listen(boss, workers, stats, () -> new SinkHandler(stats)))
      .put("control", listen(boss, workers, null, () -> new ControlHandler(stats)))
      .put("transport", Transport.name());
    // Written whole, then renamed: the script polls for the file and must never read half of it.
    Path target = Path.of(args[0]);
    Path partial = target.resolveSibling(target.getFileName() + ".partial");
    Files.writeString(partial, ports.encode(), StandardCharsets.UTF_8);
    Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
    LOG.info("backends listening: {}", ports.encode());
    Thread.currentThread().join();
  }

  /** Listens on an ephemeral loopback port; returns it. {@code stats} counts open connections, when given. */
  private static int listen(EventLoopGroup boss, EventLoopGroup workers, BackendStats stats,
                            Supplier<ChannelHandler> handler) throws InterruptedException {
    Channel server = new ServerBootstrap()
      .group(boss, workers)
      .channel(Transport.serverChannel())
      .option(ChannelOption.SO_BACKLOG, 4096)
      .childOption(ChannelOption.TCP_NODELAY, true)
      // Room for a few 64 KiB chunks before the push server waits for the socket to drain.
      .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 * 1024, 1024 * 1024))
      .childHandler(new ChannelInitializer<SocketChannel>() {
        @Override
        protected void initChannel(SocketChannel ch) {
          if (stats != null) {
            ch.pipeline().addLast(stats.connectionCounter());
          }
          ch.pipeline().addLast(handler.get());
        }
      })
      .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    return ((InetSocketAddress) server.localAddress()).getPort();
  }
}
