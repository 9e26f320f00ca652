package io.vncgate.gateway.relay;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The in-place decoder against Netty's own, configured as Vert.x configures it for our server:
 * the same byte streams, whole to Netty and cut at random into pieces for ours, must give the
 * same messages, the same control frames and the same violations.
 */
class InPlaceFrameDecoderTest {

  private static final int MAX = 65_536;
  private final Random random = new Random(6455);

  @Test
  void validStreamsGiveTheSameMessagesAndControlFramesAsNettysDecoder() {
    for (int round = 0; round < 200; round++) {
      ByteArrayOutputStream wire = new ByteArrayOutputStream();
      int messages = 1 + random.nextInt(6);
      for (int m = 0; m < messages; m++) {
        int opcode = random.nextInt(4) == 0 ? 0x1 : 0x2;
        int fragments = 1 + random.nextInt(4);
        for (int f = 0; f < fragments; f++) {
          if (random.nextInt(3) == 0) {
            int control = new int[] {0x9, 0xA}[random.nextInt(2)];
            wire.writeBytes(frame(0x80 | control, bytes(random.nextInt(126)), random.nextInt()));
          }
          boolean last = f == fragments - 1;
          int size = random.nextInt(5) == 0 ? 0 : random.nextInt(random.nextBoolean() ? 125 : 20_000);
          wire.writeBytes(frame((last ? 0x80 : 0) | (f == 0 ? opcode : 0), bytes(size), random.nextInt()));
        }
      }
      if (random.nextBoolean()) {
        wire.writeBytes(frame(0x88, closeBody(1000 + random.nextInt(4), "bye"), random.nextInt()));
        wire.writeBytes(frame(0x82, bytes(10), random.nextInt())); // after the close: never read
      }
      byte[] stream = wire.toByteArray();
      Outcome netty = netty(stream);
      Outcome ours = ours(stream, 1 + random.nextInt(round % 2 == 0 ? 7 : 70_000));
      assertTrue(netty.violation == null, "a valid stream: " + netty.violation);
      assertEquals(netty.events, ours.events, "round " + round);
      assertEquals(null, ours.violation);
    }
  }

  @Test
  void everyViolationIsReportedAsNettyReportsIt() {
    int key = 0x37fa213d;
    byte[] ok = frame(0x82, bytes(300), key);
    List<byte[]> bad = List.of(
      frame(0xC2, bytes(3), key),                           // RSV1 without an extension
      unmasked(0x82, bytes(3)),                             // not masked
      frame(0x09, bytes(3), key),                           // fragmented control frame
      withLength(0x89, 126, 2, 200, key),                   // control frame over 125 bytes
      frame(0x8B, bytes(3), key),                           // reserved control opcode
      frame(0x88, bytes(1), key),                           // close with one byte
      frame(0x83, bytes(3), key),                           // reserved data opcode
      frame(0x80, bytes(3), key),                           // continuation outside a message
      concat(frame(0x02, bytes(3), key), frame(0x82, bytes(3), key)), // new message inside one
      withLength(0x82, 126, 2, 100, key),                   // 16-bit length under 126
      withLength(0x82, 127, 8, 1000, key),                  // 64-bit length under 65,536
      withLength(0x82, 127, 8, -5, key),                    // negative length
      withLength(0x82, 127, 8, MAX + 1, key),               // over the frame limit
      frame(0x88, closeBody(999, ""), key),                 // close code not allowed
      frame(0x88, concat(closeBody(1000, ""), new byte[] {(byte) 0xC3, 0x28}), key), // reason not UTF-8
      frame(0x88, concat(closeBody(1000, ""), new byte[] {(byte) 0xC0, (byte) 0xAF}), key), // overlong '/'
      frame(0x88, concat(closeBody(1000, ""), new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}), key)); // a surrogate
    for (byte[] violation : bad) {
      byte[] stream = concat(ok, violation, ok);
      Outcome netty = netty(stream);
      String name = HexFormat.of().formatHex(violation, 0, Math.min(violation.length, 12));
      assertTrue(netty.violation != null, "Netty refuses " + name);
      for (int piece : new int[] {1, 3, stream.length}) {
        Outcome ours = ours(stream, piece);
        assertEquals(netty.events, ours.events, name + " in pieces of " + piece);
        assertEquals(netty.violation, ours.violation, name + " in pieces of " + piece);
      }
    }
  }

  @Test
  void dataArrivesBeforeItsFrameEndsAsPiecesOfTheReadBuffer() {
    byte[] payload = bytes(10_000);
    byte[] wire = frame(0x82, payload, 0x01020304);
    EmbeddedChannel channel = new EmbeddedChannel(new InPlaceFrameDecoder(MAX, false));
    ByteBuf firstRead = Unpooled.directBuffer(5000).writeBytes(wire, 0, 5000);
    channel.writeInbound(firstRead);
    BinaryWebSocketFrame first = channel.readInbound();
    assertFalse(first.isFinalFragment(), "the frame goes on");
    assertEquals(5000 - 8, first.content().readableBytes(), "all the payload there is, header left out");
    byte seen = first.content().getByte(0);
    firstRead.setByte(8, ~seen);
    assertEquals((byte) ~seen, first.content().getByte(0), "a view of the read buffer itself, not a copy");
    firstRead.setByte(8, seen);
    channel.writeInbound(Unpooled.wrappedBuffer(wire, 5000, wire.length - 5000));
    ContinuationWebSocketFrame rest = channel.readInbound();
    assertTrue(rest.isFinalFragment());
    ByteBuf all = Unpooled.wrappedBuffer(first.content(), rest.content());
    assertEquals(HexFormat.of().formatHex(payload), HexFormat.of().formatHex(ByteBufUtil.getBytes(all)));
    all.release();
  }

  @Test
  void aFragmentedMessageTheOldDecoderBeganGoesOn() {
    EmbeddedChannel channel = new EmbeddedChannel(new InPlaceFrameDecoder(MAX, true));
    channel.writeInbound(Unpooled.wrappedBuffer(frame(0x80, "end".getBytes(StandardCharsets.US_ASCII), 7)));
    ContinuationWebSocketFrame end = channel.readInbound();
    assertTrue(end.isFinalFragment());
    assertEquals("end", end.content().toString(StandardCharsets.US_ASCII));
    end.release();
  }

  /** What a decoder passed on, by message: data gathered per message, control frames whole. */
  private record Outcome(List<String> events, String violation) {
  }

  private static Outcome netty(byte[] stream) {
    EmbeddedChannel channel = new EmbeddedChannel(new WebSocket13FrameDecoder(WebSocketDecoderConfig.newBuilder()
      .expectMaskedFrames(true).allowExtensions(false).allowMaskMismatch(false).maxFramePayloadLength(MAX)
      .closeOnProtocolViolation(false).build()));
    return run(channel, List.of(Unpooled.wrappedBuffer(stream)));
  }

  private static Outcome ours(byte[] stream, int piece) {
    EmbeddedChannel channel = new EmbeddedChannel(new InPlaceFrameDecoder(MAX, false));
    List<ByteBuf> reads = new ArrayList<>();
    for (int i = 0; i < stream.length; i += piece) {
      int n = Math.min(piece, stream.length - i);
      reads.add(Unpooled.directBuffer(n).writeBytes(stream, i, n));
    }
    return run(channel, reads);
  }

  private static Outcome run(EmbeddedChannel channel, List<ByteBuf> reads) {
    List<String> events = new ArrayList<>();
    ByteArrayOutputStream message = new ByteArrayOutputStream();
    String[] type = {null};
    String violation = null;
    for (ByteBuf read : reads) {
      try {
        channel.writeInbound(read);
      } catch (CorruptedWebSocketFrameException e) {
        violation = e.closeStatus().code() + "";
      }
      for (WebSocketFrame frame; (frame = channel.readInbound()) != null; ) {
        byte[] content = ByteBufUtil.getBytes(frame.content());
        if (frame instanceof BinaryWebSocketFrame || frame instanceof TextWebSocketFrame || frame instanceof ContinuationWebSocketFrame) {
          if (!(frame instanceof ContinuationWebSocketFrame)) {
            type[0] = frame instanceof TextWebSocketFrame ? "text" : "binary";
          }
          message.writeBytes(content);
          if (frame.isFinalFragment()) {
            events.add(type[0] + " " + HexFormat.of().formatHex(message.toByteArray()));
            message.reset();
          }
        } else {
          events.add(frame.getClass().getSimpleName() + " " + HexFormat.of().formatHex(content));
        }
        frame.release();
      }
    }
    channel.finishAndReleaseAll();
    return new Outcome(events, violation);
  }

  private byte[] bytes(int size) {
    byte[] bytes = new byte[size];
    random.nextBytes(bytes);
    return bytes;
  }

  private static byte[] closeBody(int code, String reason) {
    return concat(new byte[] {(byte) (code >> 8), (byte) code}, reason.getBytes(StandardCharsets.UTF_8));
  }

  /** A masked frame with the shortest length field. */
  static byte[] frame(int firstByte, byte[] payload, int key) {
    ByteBuf out = Unpooled.buffer();
    out.writeByte(firstByte);
    if (payload.length < 126) {
      out.writeByte(0x80 | payload.length);
    } else if (payload.length < 65_536) {
      out.writeByte(0x80 | 126).writeShort(payload.length);
    } else {
      out.writeByte(0x80 | 127).writeLong(payload.length);
    }
    out.writeInt(key);
    for (int i = 0; i < payload.length; i++) {
      out.writeByte(payload[i] ^ (key >>> (24 - 8 * (i & 3))));
    }
    return ByteBufUtil.getBytes(out);
  }

  /** A masked frame whose length field is written as given (for lengths that break the rules), followed by up to 300 payload bytes. */
  private static byte[] withLength(int firstByte, int length7, int lengthBytes, long length, int key) {
    ByteBuf out = Unpooled.buffer();
    out.writeByte(firstByte).writeByte(0x80 | length7);
    if (lengthBytes == 2) {
      out.writeShort((int) length);
    } else {
      out.writeLong(length);
    }
    out.writeInt(key);
    out.writeZero((int) Math.max(0, Math.min(length, 300)));
    return ByteBufUtil.getBytes(out);
  }

  private static byte[] unmasked(int firstByte, byte[] payload) {
    return concat(new byte[] {(byte) firstByte, (byte) payload.length}, payload);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
