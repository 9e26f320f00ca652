package io.vncgate.bench.ws;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hand-rolled client frames against Netty's own RFC 6455 codec, on both sides. */
class WsFramesTest {

  private static final int[] SIZES = {0, 1, 7, 8, 9, 125, 126, 127, 1000, 65_535, 65_536, 100_003};
  private final Random random = new Random(6455);

  @Test
  void clientFramesAreMaskedBinaryFramesNettyDecodes() {
    for (int size : SIZES) {
      byte[] payload = bytes(size);
      EmbeddedChannel client = new EmbeddedChannel(new WsFrameEncoder());
      client.writeOutbound(Unpooled.wrappedBuffer(payload));
      ByteBuf wire = client.readOutbound();
      assertTrue((wire.getByte(1) & 0x80) != 0, "mask bit set for " + size);

      EmbeddedChannel server = new EmbeddedChannel(new WebSocket08FrameDecoder(
        WebSocketDecoderConfig.newBuilder().expectMaskedFrames(true).maxFramePayloadLength(1 << 20).build()));
      server.writeInbound(wire);
      BinaryWebSocketFrame frame = server.readInbound();
      assertTrue(frame.isFinalFragment());
      assertArrayEquals(payload, ByteBufUtil.getBytes(frame.content()), "payload of " + size + " bytes");
      frame.release();
    }
  }

  @Test
  void preparedFramesAreMaskedWithKeysOfTheirOwnAndCanBeSentAgainAndAgain() {
    byte[] payload = bytes(16_384);
    List<WsPrepared> frames = WsPrepared.binary(Unpooled.wrappedBuffer(payload), 4);
    EmbeddedChannel client = new EmbeddedChannel(new WsFrameEncoder());
    EmbeddedChannel server = new EmbeddedChannel(new WebSocket08FrameDecoder(
      WebSocketDecoderConfig.newBuilder().expectMaskedFrames(true).maxFramePayloadLength(1 << 20).build()));
    Set<Integer> keys = new HashSet<>();
    for (int round = 0; round < 2; round++) {
      for (WsPrepared frame : frames) {
        client.writeOutbound(frame);
        ByteBuf wire = client.readOutbound();
        assertEquals(2 + 2 + 4 + payload.length, wire.readableBytes(), "header, 16-bit length, key, payload");
        assertTrue((wire.getByte(1) & 0x80) != 0, "mask bit set");
        keys.add(wire.getInt(4));
        server.writeInbound(wire);
        BinaryWebSocketFrame decoded = server.readInbound();
        assertTrue(decoded.isFinalFragment());
        assertArrayEquals(payload, ByteBufUtil.getBytes(decoded.content()), "round " + round);
        decoded.release();
      }
    }
    assertEquals(frames.size(), keys.size(), "each prepared frame has a key of its own: " + keys);
  }

  @Test
  void clientControlFramesDecode() {
    EmbeddedChannel client = new EmbeddedChannel(new WsFrameEncoder());
    client.writeOutbound(WsControl.close(1000));
    client.writeOutbound(WsControl.close(1001));
    EmbeddedChannel server = new EmbeddedChannel(new WebSocket08FrameDecoder(true, false, 1 << 20));
    server.writeInbound((ByteBuf) client.readOutbound());
    CloseWebSocketFrame close = server.readInbound();
    assertEquals(1000, close.statusCode());
    close.release();
    assertNull(client.readOutbound(), "a second close frame is never sent");
  }

  @Test
  void serverFramesArriveAsOneStreamWhateverTheirSplit() {
    EmbeddedChannel server = new EmbeddedChannel(new WebSocket08FrameEncoder(false));
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    for (int size : SIZES) {
      byte[] payload = bytes(size);
      expected.writeBytes(payload);
      server.writeOutbound(new BinaryWebSocketFrame(size % 2 == 0, 0, Unpooled.wrappedBuffer(payload)));
      if (size % 2 == 0) {
        server.writeOutbound(new ContinuationWebSocketFrame(true, 0, Unpooled.EMPTY_BUFFER));
      }
    }
    ByteBuf wire = Unpooled.buffer();
    for (Object out; (out = server.readOutbound()) != null; ) {
      wire.writeBytes((ByteBuf) out);
      ((ByteBuf) out).release();
    }

    Capture capture = new Capture();
    EmbeddedChannel client = new EmbeddedChannel(new WsFrameDecoder(), new WsFrameEncoder(), capture);
    while (wire.isReadable()) {
      client.writeInbound(wire.readRetainedSlice(Math.min(wire.readableBytes(), 1 + random.nextInt(3000))));
    }
    wire.release();
    assertArrayEquals(expected.toByteArray(), capture.data.toByteArray());
  }

  @Test
  void pingIsAnsweredWithMaskedPongOfTheSamePayload() {
    Capture capture = new Capture();
    EmbeddedChannel client = new EmbeddedChannel(new WsFrameDecoder(), new WsFrameEncoder(), capture);
    client.writeInbound(serverFrame(new PingWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {1, 2, 3}))));
    WebSocketFrame pong = decodeClientFrame(client.readOutbound());
    assertInstanceOf(PongWebSocketFrame.class, pong);
    assertArrayEquals(new byte[] {1, 2, 3}, ByteBufUtil.getBytes(pong.content()));
    pong.release();
    assertEquals(0, capture.data.size(), "control payloads are not data");
  }

  @Test
  void closeFrameIsReportedAnsweredAndClosesTheConnection() {
    Capture capture = new Capture();
    EmbeddedChannel client = new EmbeddedChannel(new WsFrameDecoder(), new WsFrameEncoder(), capture);
    client.writeInbound(serverFrame(new CloseWebSocketFrame(4401, "token invalid or expired")));
    assertEquals(List.of(new WsClosed(4401, "token invalid or expired")), capture.events);
    CloseWebSocketFrame answer = (CloseWebSocketFrame) decodeClientFrame(client.readOutbound());
    assertEquals(4401, answer.statusCode());
    answer.release();
    assertFalse(client.isActive());
  }

  @Test
  void maskedServerFrameIsAProtocolError() {
    EmbeddedChannel client = new EmbeddedChannel(new WsFrameDecoder(), new Capture());
    EmbeddedChannel maskingEncoder = new EmbeddedChannel(new WebSocket08FrameEncoder(true));
    maskingEncoder.writeOutbound(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {9})));
    try {
      client.writeInbound((ByteBuf) maskingEncoder.readOutbound());
    } catch (Exception expected) {
      // EmbeddedChannel rethrows what the pipeline reported
    }
    assertFalse(client.isActive());
  }

  private byte[] bytes(int size) {
    byte[] bytes = new byte[size];
    random.nextBytes(bytes);
    return bytes;
  }

  private static ByteBuf serverFrame(WebSocketFrame frame) {
    EmbeddedChannel server = new EmbeddedChannel(new WebSocket08FrameEncoder(false));
    server.writeOutbound(frame);
    ByteBuf wire = Unpooled.buffer();
    for (Object out; (out = server.readOutbound()) != null; ) {
      wire.writeBytes((ByteBuf) out);
      ((ByteBuf) out).release();
    }
    return wire;
  }

  private static WebSocketFrame decodeClientFrame(ByteBuf wire) {
    EmbeddedChannel server = new EmbeddedChannel(new WebSocket08FrameDecoder(true, false, 1 << 20));
    server.writeInbound(wire);
    return server.readInbound();
  }

  /** The scenario handler's place: what the decoder passes on. */
  private static final class Capture extends ChannelInboundHandlerAdapter {

    final ByteArrayOutputStream data = new ByteArrayOutputStream();
    final List<Object> events = new ArrayList<>();

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ByteBuf buf = (ByteBuf) msg;
      data.writeBytes(ByteBufUtil.getBytes(buf));
      buf.release();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
      events.add(evt);
    }
  }
}
