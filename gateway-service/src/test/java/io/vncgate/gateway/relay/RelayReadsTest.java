package io.vncgate.gateway.relay;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.impl.ConnectionBase;
import io.vncgate.shared.net.VncDial;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Relayed connections take what waits in their socket in reads larger than a browser frame
 * ({@link RelayReads}): a desktop dialled by {@link BareDialer}, and a browser's connection to
 * an HTTP server that applies the sizing as the gateway's does. Each test lets a burst arrive in
 * the kernel before the connection reads (its socket buffers made large enough to hold it), then
 * records the size of every read.
 */
class RelayReadsTest {

  private static final int BURST = 2 * 1024 * 1024;
  private static final int SOCKET_BUFFER = 4 * 1024 * 1024;

  private Vertx vertx;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  @Test
  void aDialledDesktopTakesAWaitingBurstInReadsLargerThanAFrame() {
    Promise<Void> written = Promise.promise();
    int port = vertx.createNetServer(new NetServerOptions().setSendBufferSize(SOCKET_BUFFER))
      .connectHandler(socket -> socket.write(Buffer.buffer(new byte[BURST])).onComplete(written))
      .listen(0, "127.0.0.1").await().actualPort();
    Channel desktop = new BareDialer(vertx, VncDial.options(Duration.ofSeconds(2)))
      .bootstrap(((VertxInternal) vertx).nettyEventLoopGroup().next())
      .option(ChannelOption.SO_RCVBUF, SOCKET_BUFFER)
      .connect("127.0.0.1", port).syncUninterruptibly().channel();
    written.future().await();

    ReadSizes reads = new ReadSizes(BURST);
    desktop.eventLoop().execute(() -> {
      desktop.pipeline().addLast(reads);
      desktop.config().setAutoRead(true);
    });
    reads.all.future().await();
    assertLargerThanAFrame(reads.sizes);
    desktop.close().syncUninterruptibly();
  }

  @Test
  void aBrowserConnectionTakesAWaitingBurstInReadsLargerThanAFrame() {
    Promise<Channel> accepted = Promise.promise();
    ReadSizes reads = new ReadSizes(BURST);
    // As the gateway's server: without cleartext HTTP/2 detection Vert.x reports a connection as
    // it opens; with it, only after reading the first bytes, too late to size the reads.
    HttpServerOptions options = new HttpServerOptions().setHttp2ClearTextEnabled(false).setReceiveBufferSize(SOCKET_BUFFER);
    int port = vertx.createHttpServer(options)
      .connectionHandler(connection -> {
        RelayReads.apply(connection); // as GatewayVerticle does
        Channel channel = ((ConnectionBase) connection).channel();
        channel.config().setAutoRead(false);
        channel.pipeline().addFirst(reads);
        accepted.complete(channel);
      })
      .requestHandler(request -> request.body().onSuccess(body -> request.response().end(Integer.toString(body.length()))))
      .listen(0, "127.0.0.1").await().actualPort();
    // Held until the end: Vert.x closes a client, and its sockets, once nothing refers to it.
    NetClient client = vertx.createNetClient(new NetClientOptions().setSendBufferSize(SOCKET_BUFFER));
    NetSocket browser = client.connect(port, "127.0.0.1").await();
    Promise<String> answered = Promise.promise();
    Buffer answer = Buffer.buffer();
    browser.handler(data -> {
      answer.appendBuffer(data);
      if (answer.toString().endsWith("\r\n\r\n" + BURST)) {
        answered.tryComplete(answer.toString());
      }
    });
    Buffer request = Buffer.buffer("POST /upload HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " + BURST + "\r\n\r\n");
    browser.write(request.appendBytes(new byte[BURST])).await();
    Channel channel = accepted.future().await();
    channel.eventLoop().execute(() -> channel.config().setAutoRead(true));

    reads.all.future().await();
    assertLargerThanAFrame(reads.sizes);
    assertTrue(answered.future().await().startsWith("HTTP/1.1 200"), "the whole request passed the server's pipeline");
    browser.close().await();
    client.close().await();
  }

  private static void assertLargerThanAFrame(List<Integer> sizes) {
    int largest = sizes.stream().mapToInt(Integer::intValue).max().orElse(0);
    assertTrue(largest > DirectPath.FRAME_BYTES, "the largest of " + sizes.size() + " reads was " + largest + " bytes: " + sizes);
    assertTrue(largest <= RelayReads.MAX_READ_BYTES, "no read above the ceiling: " + largest);
  }

  /** Records the size of every read, passes it on, completes once {@code expected} bytes came in. */
  private static final class ReadSizes extends ChannelInboundHandlerAdapter {

    final List<Integer> sizes = new CopyOnWriteArrayList<>();
    final Promise<Void> all = Promise.promise();
    private final long expected;
    private long total;

    ReadSizes(long expected) {
      this.expected = expected;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      int size = ((ByteBuf) msg).readableBytes();
      sizes.add(size);
      total += size;
      if (total >= expected) {
        all.tryComplete();
      }
      if (ctx.pipeline().last() == this) {
        ReferenceCountUtil.release(msg);
      } else {
        ctx.fireChannelRead(msg);
      }
    }
  }
}
