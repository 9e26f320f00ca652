package io.vncgate.devstack.desktop;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Protocol edges of one session: older versions, fragmented input, refusals that close. */
@ExtendWith(VertxExtension.class)
class RfbSessionTest {

  private static final Rect CORNER = new Rect(0, 0, 4, 4);

  private int port;

  @BeforeEach
  void deploy(Vertx vertx) {
    DemoDesktop desktop = new DemoDesktop("127.0.0.1", 0);
    vertx.deployVerticle(desktop).await();
    port = desktop.actualPort();
  }

  @Test
  void version33ClientIsToldTheSecurityTypeAsU32(Vertx vertx, VertxTestContext ctx) {
    RfbTestClient[] client = new RfbTestClient[1];
    RfbTestClient.connect(vertx, port)
      .compose(c -> (client[0] = c).read(12))
      .compose(version -> {
        ctx.verify(() -> assertEquals("RFB 003.008\n", version.toString(StandardCharsets.US_ASCII)));
        return client[0].write(Buffer.buffer("RFB 003.003\n"));
      })
      .compose(v -> client[0].read(4))
      .compose(type -> {
        ctx.verify(() -> assertEquals(1, type.getInt(0)));
        return client[0].write(RfbTestClient.clientInit());
      })
      .compose(v -> client[0].readServerInit())
      .onComplete(ctx.succeeding(init -> ctx.verify(() -> {
        assertEquals(800, init.width());
        assertEquals("vncgate demo desktop", init.name());
        ctx.completeNow();
      })));
  }

  @Test
  void version37ClientGetsNoSecurityResultAfterNone(Vertx vertx, VertxTestContext ctx) {
    RfbTestClient[] client = new RfbTestClient[1];
    RfbTestClient.connect(vertx, port)
      .compose(c -> (client[0] = c).read(12))
      .compose(version -> client[0].write(Buffer.buffer("RFB 003.007\n")))
      .compose(v -> client[0].read(2))
      .compose(types -> {
        ctx.verify(() -> assertEquals(DemoDesktopTest.bytes(1, 1), types));
        return client[0].write(Buffer.buffer().appendByte((byte) 1).appendBuffer(RfbTestClient.clientInit()));
      })
      // Were a SecurityResult sent, its four zero bytes would be read here as width and height.
      .compose(v -> client[0].readServerInit())
      .onComplete(ctx.succeeding(init -> ctx.verify(() -> {
        assertEquals(800, init.width());
        assertEquals(600, init.height());
        ctx.completeNow();
      })));
  }

  @Test
  void messagesWrittenByteByByteAreReassembled(Vertx vertx, VertxTestContext ctx) {
    RfbTestClient[] client = new RfbTestClient[1];
    RfbTestClient.connect(vertx, port)
      .compose(c -> (client[0] = c).read(12))
      .compose(version -> {
        RfbTestClient c = client[0];
        Buffer everything = Buffer.buffer("RFB 003.008\n").appendByte((byte) 1).appendBuffer(RfbTestClient.clientInit())
          .appendBuffer(c.setPixelFormat(DemoDesktopTest.NOVNC))
          .appendBuffer(RfbTestClient.setEncodings(0, -223))
          .appendBuffer(RfbTestClient.cutText(3)).appendBuffer(Buffer.buffer("abc"))
          .appendBuffer(RfbTestClient.updateRequest(false, CORNER));
        Future<Void> written = c.writeByteByByte(everything);
        Future<RfbTestClient.ServerInit> init = c.read(2).compose(types -> c.read(4)).compose(result -> c.readServerInit());
        return Future.all(written, init).compose(both -> c.readUpdate());
      })
      .onComplete(ctx.succeeding(update -> ctx.verify(() -> {
        assertEquals(CORNER, update.get(0).area());
        assertEquals(DemoDesktopTest.bytes(0x20, 0x23, 0x2A, 0xFF), update.get(0).pixelAt(1, 1, 4));
        ctx.completeNow();
      })));
  }

  @Test
  void clipboardTextLargerThanOneChunkIsSkipped(Vertx vertx, VertxTestContext ctx) {
    RfbTestClient[] client = new RfbTestClient[1];
    RfbTestClient.connect(vertx, port)
      .compose(c -> (client[0] = c).handshake())
      .compose(init -> client[0].write(RfbTestClient.cutText(100_000).appendBytes(new byte[100_000])
        .appendBuffer(RfbTestClient.updateRequest(false, CORNER))))
      .compose(v -> client[0].readUpdate())
      .onComplete(ctx.succeeding(update -> ctx.verify(() -> {
        assertEquals(CORNER, update.get(0).area());
        ctx.completeNow();
      })));
  }

  @Test
  void clipboardTextOverTheCapClosesTheConnection(Vertx vertx, VertxTestContext ctx) {
    RfbTestClient[] client = new RfbTestClient[1];
    RfbTestClient.connect(vertx, port)
      .compose(c -> (client[0] = c).handshake())
      .compose(init -> client[0].write(RfbTestClient.cutText(RfbSession.MAX_CUT_TEXT + 1)))
      .compose(v -> client[0].closed())
      .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void unknownMessageTypeClosesTheConnection(Vertx vertx, VertxTestContext ctx) {
    RfbTestClient[] client = new RfbTestClient[1];
    RfbTestClient.connect(vertx, port)
      .compose(c -> (client[0] = c).handshake())
      .compose(init -> client[0].write(Buffer.buffer().appendByte((byte) 99)))
      .compose(v -> client[0].closed())
      .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void unsupportedProtocolVersionClosesTheConnection(Vertx vertx, VertxTestContext ctx) {
    RfbTestClient[] client = new RfbTestClient[1];
    RfbTestClient.connect(vertx, port)
      .compose(c -> (client[0] = c).read(12))
      .compose(version -> client[0].write(Buffer.buffer("RFB 004.001\n")))
      .compose(v -> client[0].closed())
      .onComplete(ctx.succeedingThenComplete());
  }
}
