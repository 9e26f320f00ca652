package io.vncgate.bench.ws;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WsHandshakeTest {

  @Test
  void acceptKeyIsTheRfcExample() {
    assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", WsHandshake.acceptKey("dGhlIHNhbXBsZSBub25jZQ=="));
  }

  @Test
  void requestsLikeNoVncAndPassesFramesThatCameWithThe101() {
    List<Object> seen = new ArrayList<>();
    EmbeddedChannel ch = new EmbeddedChannel(new WsHandshake("127.0.0.1:8080", "/websockify?token=t", "http://127.0.0.1:8080"),
      new Recorder(seen));
    String request = ((ByteBuf) ch.readOutbound()).toString(StandardCharsets.US_ASCII);
    assertTrue(request.startsWith("GET /websockify?token=t HTTP/1.1\r\n"), request);
    assertTrue(request.contains("\r\nOrigin: http://127.0.0.1:8080\r\n"), request);
    assertFalse(request.toLowerCase().contains("sec-websocket-protocol"), "noVNC asks for no subprotocol");
    Matcher key = Pattern.compile("Sec-WebSocket-Key: (\\S+)\r\n").matcher(request);
    assertTrue(key.find());

    String response = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
      + "Sec-WebSocket-Accept: " + WsHandshake.acceptKey(key.group(1)) + "\r\n\r\n";
    ch.writeInbound(Unpooled.wrappedBuffer(response.getBytes(StandardCharsets.US_ASCII), new byte[] {(byte) 0x82, 1, 42}));
    assertEquals(Ready.INSTANCE, seen.get(0));
    assertEquals(3, ((ByteBuf) seen.get(1)).readableBytes(), "the frame after the headers is passed on");
    assertTrue(ch.pipeline().get(WsHandshake.class) == null, "the handshake handler leaves the pipeline");
  }

  @Test
  void refusesAWrongAcceptKeyAndAnyOtherStatus() {
    WsHandshake handshake = new WsHandshake("h", "/", null);
    EmbeddedChannel ch = new EmbeddedChannel(handshake);
    ch.readOutbound();
    assertTrue(handshake.check("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
      + "Sec-WebSocket-Accept: AAAA").contains("Accept"));
    assertTrue(handshake.check("HTTP/1.1 403 Forbidden").startsWith("no upgrade"));
  }

  @Test
  void failureReachesThePipelineAndCloses() {
    List<Object> seen = new ArrayList<>();
    EmbeddedChannel ch = new EmbeddedChannel(new WsHandshake("h", "/", null), new Recorder(seen));
    ch.writeInbound(Unpooled.copiedBuffer("HTTP/1.1 404 Not Found\r\n\r\n", StandardCharsets.US_ASCII));
    assertInstanceOf(WsHandshake.Failed.class, seen.get(0));
    assertFalse(ch.isActive());
  }

  private static final class Recorder extends ChannelInboundHandlerAdapter {

    private final List<Object> seen;

    Recorder(List<Object> seen) {
      this.seen = seen;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      seen.add(msg);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
      seen.add(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      seen.add(cause);
    }
  }
}
