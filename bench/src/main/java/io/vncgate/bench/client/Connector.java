package io.vncgate.bench.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.vncgate.bench.Transport;
import io.vncgate.bench.ws.Ready;
import io.vncgate.bench.ws.WsFrameDecoder;
import io.vncgate.bench.ws.WsFrameEncoder;
import io.vncgate.bench.ws.WsHandshake;

/**
 * Opens client connections with the same socket options for every target. A WebSocket
 * endpoint gets the handshake, the frame decoder and the masking encoder in front of the
 * scenario's handler; raw TCP gets nothing but the {@link Ready} event, so the handler sees the
 * same byte stream either way.
 */
public final class Connector {

  private final Bootstrap bootstrap;

  public Connector(EventLoopGroup group) {
    this.bootstrap = new Bootstrap()
      .group(group)
      .channel(Transport.socketChannel())
      .option(ChannelOption.TCP_NODELAY, true)
      .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
      // A few upstream frames in flight per connection before the flood waits for the socket.
      .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 * 1024, 1024 * 1024));
  }

  public ChannelFuture open(Endpoint endpoint, BenchHandler handler) {
    return bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
      @Override
      protected void initChannel(SocketChannel ch) {
        if (endpoint.webSocket()) {
          // Inbound: handshake, then frames. Outbound: the handler's writes pass the encoder;
          // the handshake writes its request from before it, unframed.
          ch.pipeline().addLast(
            new WsHandshake(endpoint.host() + ":" + endpoint.port(), endpoint.path(), endpoint.origin()),
            new WsFrameDecoder(),
            new WsFrameEncoder(),
            handler);
        } else {
          ch.pipeline().addLast(new RawReady(), handler);
        }
      }
    }).connect(endpoint.host(), endpoint.port());
  }

  /** Raw TCP is ready as soon as it connects. */
  private static final class RawReady extends ChannelInboundHandlerAdapter {

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      ctx.fireChannelActive();
      ctx.fireUserEventTriggered(Ready.INSTANCE);
      ctx.pipeline().remove(this);
    }
  }
}
