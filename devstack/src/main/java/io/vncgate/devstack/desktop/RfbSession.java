package io.vncgate.devstack.desktop;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One client connection speaking the server side of RFB 3.3/3.7/3.8 (RFC 6143) with security
 * type None only. Every RFB message has a fixed-size head, so a {@link RecordParser} in fixed
 * mode cuts the byte stream into exactly the pieces each {@link Stage} expects, however TCP
 * split or merged them.
 */
final class RfbSession {

  private static final Logger LOG = LoggerFactory.getLogger(RfbSession.class);
  /** Longest ClientCutText accepted; the text is skipped, but a huge claim is not a real client. */
  static final long MAX_CUT_TEXT = 1 << 20;
  private static final int SKIP_CHUNK = 64 * 1024;
  private static final int SECURITY_NONE = 1;
  private static final Pattern VERSION = Pattern.compile("RFB (\\d{3})\\.(\\d{3})\n");

  private enum Stage {
    VERSION, SECURITY_TYPE, CLIENT_INIT, MESSAGE_TYPE, SET_PIXEL_FORMAT, SET_ENCODINGS, ENCODING_LIST,
    UPDATE_REQUEST, KEY_EVENT, POINTER_EVENT, CUT_TEXT, CUT_TEXT_BODY, CLOSED
  }

  private final String id;
  private final NetSocket socket;
  private final DemoScene scene;
  private final String desktopName;
  private final UpdateSender updates;
  private final DemoScene.Pen pen;
  private final Consumer<Rect> onChange;
  private final RecordParser parser = RecordParser.newFixed(12);
  private Stage stage = Stage.VERSION;
  private int minor;
  private long cutTextLeft;

  RfbSession(String id, NetSocket socket, DemoScene scene, String desktopName) {
    this.id = id;
    this.socket = socket;
    this.scene = scene;
    this.desktopName = desktopName;
    this.updates = new UpdateSender(id, socket, scene.framebuffer());
    this.pen = scene.pen();
    this.onChange = updates::changed;
  }

  /** Installs the handlers and sends the ProtocolVersion, which the server speaks first. */
  void start() {
    parser.handler(this::onRecord);
    socket.handler(parser);
    socket.exceptionHandler(err -> LOG.debug("{} socket error: {}", id, err.getMessage()));
    socket.closeHandler(v -> {
      stage = Stage.CLOSED;
      scene.framebuffer().removeListener(onChange);
      LOG.info("{} disconnected", id);
    });
    socket.write(Buffer.buffer("RFB 003.008\n", "US-ASCII"));
  }

  private void onRecord(Buffer record) {
    switch (stage) {
      case VERSION -> onVersion(record.toString(StandardCharsets.US_ASCII));
      case SECURITY_TYPE -> onSecurityType(record.getUnsignedByte(0));
      case CLIENT_INIT -> onClientInit(record.getUnsignedByte(0) != 0);
      case MESSAGE_TYPE -> onMessageType(record.getUnsignedByte(0));
      case SET_PIXEL_FORMAT -> onSetPixelFormat(PixelFormat.read(record, 3));
      case SET_ENCODINGS -> expectList(record.getUnsignedShort(1) * 4);
      case ENCODING_LIST -> awaitMessage();
      case UPDATE_REQUEST -> {
        awaitMessage();
        updates.request(Rect.of(record.getUnsignedShort(1), record.getUnsignedShort(3),
          record.getUnsignedShort(5), record.getUnsignedShort(7)), record.getUnsignedByte(0) != 0);
      }
      case KEY_EVENT -> {
        awaitMessage();
        scene.key(record.getUnsignedByte(0) != 0, record.getUnsignedInt(3));
      }
      case POINTER_EVENT -> {
        awaitMessage();
        pen.pointer(record.getUnsignedByte(0), record.getUnsignedShort(1), record.getUnsignedShort(3));
      }
      case CUT_TEXT -> onCutText(record.getUnsignedInt(3));
      case CUT_TEXT_BODY -> skipCutText(cutTextLeft - record.length());
      case CLOSED -> {
        // Bytes that were already buffered when we closed; nothing more to do with them.
      }
    }
  }

  private void onVersion(String version) {
    Matcher m = VERSION.matcher(version);
    if (!m.matches() || !m.group(1).equals("003")) {
      fail("unsupported protocol version " + version.trim());
      return;
    }
    // RFC 6143 §7.1.1: unknown minor versions below 7 must be treated as 3.3, above 8 as 3.8.
    int asked = Integer.parseInt(m.group(2));
    minor = asked >= 8 ? 8 : asked == 7 ? 7 : 3;
    if (minor == 3) {
      socket.write(Buffer.buffer().appendInt(SECURITY_NONE));
      expect(Stage.CLIENT_INIT, 1);
    } else {
      socket.write(Buffer.buffer().appendUnsignedByte((short) 1).appendUnsignedByte((short) SECURITY_NONE));
      expect(Stage.SECURITY_TYPE, 1);
    }
  }

  private void onSecurityType(int type) {
    if (type != SECURITY_NONE) {
      if (minor == 8) {
        byte[] reason = "only security type None is offered".getBytes(StandardCharsets.UTF_8);
        socket.write(Buffer.buffer().appendInt(1).appendInt(reason.length).appendBytes(reason));
      }
      fail("client chose security type " + type);
      return;
    }
    // Before 3.8 there is no SecurityResult after None: the client goes straight to ClientInit.
    if (minor == 8) {
      socket.write(Buffer.buffer().appendInt(0));
    }
    expect(Stage.CLIENT_INIT, 1);
  }

  private void onClientInit(boolean shared) {
    // Every client shares the one demo screen, so the shared flag changes nothing.
    Framebuffer framebuffer = scene.framebuffer();
    byte[] name = desktopName.getBytes(StandardCharsets.UTF_8);
    Buffer init = Buffer.buffer().appendUnsignedShort(framebuffer.width()).appendUnsignedShort(framebuffer.height());
    PixelFormat.SERVER_DEFAULT.appendTo(init).appendInt(name.length).appendBytes(name);
    socket.write(init);
    framebuffer.addListener(onChange);
    LOG.info("{} RFB 3.{} session ready (shared flag {})", id, minor, shared);
    awaitMessage();
  }

  private void onMessageType(int type) {
    switch (type) {
      case 0 -> expect(Stage.SET_PIXEL_FORMAT, 3 + PixelFormat.WIRE_SIZE);
      case 2 -> expect(Stage.SET_ENCODINGS, 3);
      case 3 -> expect(Stage.UPDATE_REQUEST, 9);
      case 4 -> expect(Stage.KEY_EVENT, 7);
      case 5 -> expect(Stage.POINTER_EVENT, 5);
      case 6 -> expect(Stage.CUT_TEXT, 7);
      default -> fail("unknown client message type " + type);
    }
  }

  private void onSetPixelFormat(PixelFormat format) {
    String problem = format.problem();
    if (problem != null) {
      fail("SetPixelFormat refused: " + problem);
      return;
    }
    updates.format(format);
    awaitMessage();
  }

  /** The encodings are read and dropped: every client that speaks RFB can decode Raw. */
  private void expectList(int bytes) {
    if (bytes == 0) {
      awaitMessage();
    } else {
      expect(Stage.ENCODING_LIST, bytes);
    }
  }

  private void onCutText(long length) {
    if (length > MAX_CUT_TEXT) {
      fail("ClientCutText of " + length + " bytes exceeds " + MAX_CUT_TEXT);
      return;
    }
    skipCutText(length);
  }

  /** Skips clipboard text in bounded chunks so a large paste is never held in memory whole. */
  private void skipCutText(long left) {
    cutTextLeft = left;
    if (left == 0) {
      awaitMessage();
    } else {
      expect(Stage.CUT_TEXT_BODY, (int) Math.min(left, SKIP_CHUNK));
    }
  }

  private void awaitMessage() {
    expect(Stage.MESSAGE_TYPE, 1);
  }

  private void expect(Stage next, int bytes) {
    stage = next;
    parser.fixedSizeMode(bytes);
  }

  private void fail(String reason) {
    LOG.info("{} closing: {}", id, reason);
    stage = Stage.CLOSED;
    socket.close();
  }
}
