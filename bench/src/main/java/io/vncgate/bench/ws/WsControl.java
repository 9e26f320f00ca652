package io.vncgate.bench.ws;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;

import java.nio.charset.StandardCharsets;

/** An outbound control frame for {@link WsFrameEncoder}: close, ping or pong. */
public record WsControl(int opcode, byte[] payload) {

  public static final int CLOSE = 0x8;
  public static final int PING = 0x9;
  public static final int PONG = 0xA;

  /** Set once this side has sent its close frame; nothing may follow it. */
  static final AttributeKey<Boolean> CLOSE_SENT = AttributeKey.valueOf("vncgate.bench.ws.closeSent");

  public static WsControl close(int code) {
    return new WsControl(CLOSE, new byte[] {(byte) (code >> 8), (byte) code});
  }

  public static WsControl pong(byte[] payload) {
    return new WsControl(PONG, payload);
  }

  static boolean closeSent(Channel channel) {
    return Boolean.TRUE.equals(channel.attr(CLOSE_SENT).get());
  }

  static String reason(byte[] payload) {
    return payload.length > 2 ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
  }
}
