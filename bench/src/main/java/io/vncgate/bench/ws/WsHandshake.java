package io.vncgate.bench.ws;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The client side of the RFC 6455 opening handshake, as noVNC's browser does it: a GET with
 * {@code Upgrade: websocket}, an {@code Origin}, and no {@code Sec-WebSocket-Protocol} (noVNC
 * 1.2+ requests none). It checks the 101 response and its {@code Sec-WebSocket-Accept}, then
 * removes itself, fires {@link Ready} and hands any bytes after the response to the frame decoder.
 */
public final class WsHandshake extends ChannelInboundHandlerAdapter {

  private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
  private static final int MAX_RESPONSE_BYTES = 16 * 1024;

  private final String hostHeader;
  private final String pathAndQuery;
  private final String origin;
  private String key;
  private ByteBuf response;

  /** Thrown into the pipeline when the server does not switch protocols. */
  public static final class Failed extends Exception {

    public Failed(String message) {
      super(message, null, false, false);
    }
  }

  public WsHandshake(String hostHeader, String pathAndQuery, String origin) {
    this.hostHeader = hostHeader;
    this.pathAndQuery = pathAndQuery;
    this.origin = origin;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    byte[] nonce = new byte[16];
    ThreadLocalRandom.current().nextBytes(nonce);
    key = Base64.getEncoder().encodeToString(nonce);
    String request = "GET " + pathAndQuery + " HTTP/1.1\r\n"
      + "Host: " + hostHeader + "\r\n"
      + "Upgrade: websocket\r\n"
      + "Connection: Upgrade\r\n"
      + "Sec-WebSocket-Key: " + key + "\r\n"
      + "Sec-WebSocket-Version: 13\r\n"
      + (origin == null ? "" : "Origin: " + origin + "\r\n")
      + "\r\n";
    // Written from this handler's context, so it reaches the socket without passing the frame encoder.
    ctx.writeAndFlush(Unpooled.copiedBuffer(request, StandardCharsets.US_ASCII));
    ctx.fireChannelActive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ByteBuf in = (ByteBuf) msg;
    if (response == null) {
      response = ctx.alloc().heapBuffer(512);
    }
    response.writeBytes(in);
    in.release();
    int end = ByteBufUtil.indexOf(Unpooled.wrappedBuffer(new byte[] {'\r', '\n', '\r', '\n'}), response);
    if (end < 0) {
      if (response.readableBytes() > MAX_RESPONSE_BYTES) {
        fail(ctx, "response headers over " + MAX_RESPONSE_BYTES + " bytes");
      }
      return;
    }
    String problem = check(response.toString(response.readerIndex(), end - response.readerIndex(), StandardCharsets.ISO_8859_1));
    if (problem != null) {
      fail(ctx, problem);
      return;
    }
    ByteBuf rest = response.retainedSlice(end + 4, response.writerIndex() - end - 4);
    ctx.pipeline().remove(this);
    // A removed handler's context still forwards: frames that came with the 101 are not lost.
    ctx.fireUserEventTriggered(Ready.INSTANCE);
    if (rest.isReadable()) {
      ctx.fireChannelRead(rest);
    } else {
      rest.release();
    }
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    if (response != null) {
      response.release();
      response = null;
    }
  }

  /** {@code null} when the head is a valid 101 for our key, else what is wrong with it. */
  String check(String head) {
    String[] lines = head.split("\r\n");
    if (!lines[0].startsWith("HTTP/1.1 101")) {
      return "no upgrade: " + lines[0];
    }
    Map<String, String> headers = new HashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
      }
    }
    if (!"websocket".equalsIgnoreCase(headers.get("upgrade"))
      || !headers.getOrDefault("connection", "").toLowerCase(Locale.ROOT).contains("upgrade")) {
      return "101 without Upgrade: websocket / Connection: Upgrade";
    }
    if (!acceptKey(key).equals(headers.get("sec-websocket-accept"))) {
      return "wrong Sec-WebSocket-Accept";
    }
    if (headers.containsKey("sec-websocket-protocol")) {
      return "server chose a subprotocol none was requested: " + headers.get("sec-websocket-protocol");
    }
    return null;
  }

  /** RFC 6455 §4.2.2: base64(SHA-1(key + GUID)). */
  static String acceptKey(String key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
      return Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-1", e);
    }
  }

  private void fail(ChannelHandlerContext ctx, String problem) {
    ctx.fireExceptionCaught(new Failed(problem));
    ctx.close();
  }
}
