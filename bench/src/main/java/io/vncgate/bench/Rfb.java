package io.vncgate.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The 12-byte RFB version banner every bench backend sends first, as a VNC server does.
 *
 * <p>It is {@code RFB 003.889} (the version Apple's screen sharing announces) rather than the
 * gateway's own {@code RFB 003.008}: a refused session also starts with a banner, the gateway's,
 * so a client that sees any other banner knows its session was refused and can ask why.
 */
public final class Rfb {

  public static final int BANNER_LENGTH = 12;
  private static final byte[] BANNER = "RFB 003.889\n".getBytes(StandardCharsets.US_ASCII);
  /** What a client answers to the gateway's banner to get its refusal reason and close code. */
  private static final byte[] CLIENT_VERSION = "RFB 003.008\n".getBytes(StandardCharsets.US_ASCII);

  private Rfb() {
  }

  public static ByteBuf banner() {
    return Unpooled.wrappedBuffer(BANNER);
  }

  public static ByteBuf clientVersion() {
    return Unpooled.wrappedBuffer(CLIENT_VERSION);
  }

  /** Whether {@code first} (the first 12 bytes a connection received) is the backends' banner. */
  public static boolean isBackendBanner(byte[] first) {
    return Arrays.equals(first, BANNER);
  }
}
