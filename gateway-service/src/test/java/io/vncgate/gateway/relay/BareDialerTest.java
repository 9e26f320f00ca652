package io.vncgate.gateway.relay;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.epoll.EpollChannelOption;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServer;
import io.vncgate.shared.net.VncDial;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Desktop connections dialled as bare channels, under Linux's epoll transport (shipped for x86-64 and arm64). */
class BareDialerTest {

  private static final String GREETING = "RFB 003.008\n";

  private Vertx vertx;
  private int desktopPort;

  @BeforeEach
  void start() {
    vertx = Vertx.builder().with(new VertxOptions().setPreferNativeTransport(true)).build();
    assertTrue(vertx.isNativeTransportEnabled(), "epoll should load here: " + vertx.unavailableNativeTransportCause());
    // Like every VNC server: the greeting goes out as soon as the connection is accepted.
    NetServer desktop = vertx.createNetServer().connectHandler(socket -> socket.write(GREETING));
    desktopPort = desktop.listen(0, "127.0.0.1").await().actualPort();
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  /**
   * The kernel must not hold back the handshake's last ACK (its delayed-ACK mode, which Vert.x's
   * default options switch on under epoll): the desktop cannot accept, so cannot greet, until
   * that ACK arrives, up to 200 ms later, since the gateway has nothing to send first. Linux
   * leaves that mode when the handshake completes (the ACK stays delayed), so the socket is
   * read as it is set up, before it connects.
   */
  @Test
  void desktopSocketsConnectOutOfDelayedAckMode() {
    assertEquals(Boolean.TRUE, quickAckBeforeConnect(VncDial.options(Duration.ofSeconds(2))),
      "quick ACK mode, as a fresh socket has under NIO");
    // What the test guards against: with Vert.x's default client options the same kernel
    // reading reports delayed-ACK mode.
    assertEquals(Boolean.FALSE, quickAckBeforeConnect(new NetClientOptions()));
  }

  @Test
  void aBareDesktopChannelReceivesTheGreetingOnceItReads() throws Exception {
    Channel desktop = new BareDialer(vertx, VncDial.options(Duration.ofSeconds(2)))
      .dial(loop(), "127.0.0.1", desktopPort).await().channel();
    assertEquals(GREETING, firstBytes(desktop));
  }

  private Boolean quickAckBeforeConnect(NetClientOptions options) {
    Channel socket = new BareDialer(vertx, options).bootstrap(loop()).register().syncUninterruptibly().channel();
    try {
      return socket.config().getOption(EpollChannelOption.TCP_QUICKACK);
    } finally {
      socket.close().syncUninterruptibly();
    }
  }

  private EventLoop loop() {
    return ((VertxInternal) vertx).nettyEventLoopGroup().next();
  }

  /** Reads from the (not yet reading) bare channel until the greeting's length has arrived. */
  private static String firstBytes(Channel channel) throws Exception {
    CompletableFuture<String> received = new CompletableFuture<>();
    StringBuilder text = new StringBuilder();
    channel.eventLoop().execute(() -> {
      channel.pipeline().addLast(new ChannelInboundHandlerAdapter() {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
          ByteBuf data = (ByteBuf) msg;
          text.append(data.toString(StandardCharsets.US_ASCII));
          data.release();
          if (text.length() >= GREETING.length()) {
            received.complete(text.toString());
          }
        }
      });
      channel.config().setAutoRead(true);
    });
    return received.get(10, TimeUnit.SECONDS);
  }
}
