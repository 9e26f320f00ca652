package io.vncgate.gateway.relay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameEncoder;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The relay's own frame headers against Netty's server-side encoder, byte for byte. */
class FrameHeaderTest {

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 125, 126, 127, 1024, 1025, 65535, 65536})
  void headerAndPayloadAreWhatNettysEncoderSends(int length) {
    byte[] payload = new byte[length];
    new Random(length).nextBytes(payload);

    ByteBuf ours = Unpooled.buffer();
    DirectPath.writeHeader(ours, length);
    assertTrue(ours.readableBytes() <= DirectPath.MAX_HEADER_BYTES, "header of " + ours.readableBytes() + " bytes");
    ours.writeBytes(payload);

    EmbeddedChannel channel = new EmbeddedChannel(new WebSocket08FrameEncoder(false));
    channel.writeOutbound(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(payload)));
    ByteBuf netty = Unpooled.buffer();
    for (ByteBuf part; (part = channel.readOutbound()) != null; part.release()) {
      netty.writeBytes(part);
    }
    channel.finishAndReleaseAll();

    assertArrayEquals(ByteBufUtil.getBytes(netty), ByteBufUtil.getBytes(ours));
  }
}
