package io.vncgate.gateway;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import io.vertx.junit5.VertxExtension;
import io.vncgate.shared.bus.Addresses;
import io.vncgate.shared.bus.Destination;
import io.vncgate.shared.bus.LoadReport;
import io.vncgate.shared.bus.Revocation;
import io.vncgate.shared.bus.SessionKill;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Live sessions end when their token is revoked (by jti or by subject), and a view-only
 * session's keyboard and mouse input never reaches the desktop.
 */
@ExtendWith(VertxExtension.class)
class LiveSessionTest {

  private static final FakeServices services = new FakeServices();
  private static final List<Promise<NetSocket>> accepted = new ArrayList<>();
  private static int port;
  private static WebSocketClient client;

  @BeforeAll
  static void start(Vertx vertx) {
    client = vertx.createWebSocketClient();
    services.register(vertx).await();
    NetServer desktop = vertx.createNetServer().connectHandler(socket -> {
      socket.pause();
      synchronized (accepted) {
        accepted.stream().filter(p -> !p.future().isComplete()).findFirst().ifPresent(p -> p.complete(socket));
      }
    }).listen(0, "127.0.0.1").await();
    services.hosts.put("desk", new Destination("desk", "127.0.0.1", desktop.actualPort(), null));
    port = GatewayHarness.deploy(vertx, GatewayHarness.config(Map.of()));
  }

  private record Open(WebSocket ws, NetSocket desktop, Future<Void> closed) {
  }

  private static Open open(String token) {
    Promise<NetSocket> desktopSide = Promise.promise();
    synchronized (accepted) {
      accepted.add(desktopSide);
    }
    WebSocket ws = client.connect(TestBrowser.options(port, token, "http://allowed.example")).await();
    Promise<Void> closed = Promise.promise();
    ws.closeHandler(v -> closed.tryComplete());
    return new Open(ws, desktopSide.future().await(), closed.future());
  }

  @Test
  void revocationByJtiClosesOnlyThatSession(Vertx vertx) {
    Open revoked = open("host:desk:alice:jti-revoke-me");
    Open other = open("host:desk:alice:jti-keep-me");
    long published = System.nanoTime();
    vertx.eventBus().publish(Addresses.TOKEN_REVOKED, new Revocation("jti-revoke-me", null, "test").toJson());
    revoked.closed().await();
    assertTrue(System.nanoTime() - published < 1_000_000_000L, "closed within one second");
    assertEquals((short) 4403, revoked.ws().closeStatusCode());
    assertEquals("token revoked", revoked.ws().closeReason());
    assertFalse(other.ws().isClosed(), "another token's session stays");
    other.ws().close().await();
  }

  @Test
  void revocationBySubjectClosesAllItsSessions(Vertx vertx) {
    Open first = open("host:desk:bob:jti-b1");
    Open second = open("host:desk:bob:jti-b2");
    Open carol = open("host:desk:carol:jti-c1");
    vertx.eventBus().publish(Addresses.TOKEN_REVOKED, new Revocation(null, "bob", "test").toJson());
    first.closed().await();
    second.closed().await();
    assertEquals((short) 4403, second.ws().closeStatusCode());
    assertFalse(carol.ws().isClosed());
    carol.ws().close().await();
  }

  @Test
  void killBySubjectOrDesktopEndsSessionsWith4409(Vertx vertx) {
    Open first = open("host:desk:kim:jti-k1");
    Open second = open("host:desk:lee:jti-l1");
    vertx.eventBus().publish(Addresses.SESSION_KILL, new SessionKill(null, null, "kim", null, "test").toJson());
    first.closed().await();
    assertEquals((short) 4409, first.ws().closeStatusCode());
    assertEquals("session ended by an administrator", first.ws().closeReason());
    assertFalse(second.ws().isClosed());
    vertx.eventBus().publish(Addresses.SESSION_KILL, new SessionKill(null, null, null, "desk", "maintenance").toJson());
    second.closed().await();
    assertEquals((short) 4409, second.ws().closeStatusCode());
  }

  @Test
  void loadReportsListLiveSessionsWithTheirTraffic(Vertx vertx) {
    List<LoadReport> reports = new CopyOnWriteArrayList<>();
    MessageConsumer<JsonObject> consumer = vertx.eventBus().<JsonObject>consumer(Addresses.REGISTRY_LOAD,
      m -> reports.add(LoadReport.fromJson(m.body())));
    Open session = open("host:desk:mia:jti-m1");
    Promise<Void> seen = Promise.promise();
    // The handler goes on before the desktop speaks: a frame arriving with no handler is dropped.
    session.ws().handler(data -> seen.tryComplete());
    session.desktop().write(Buffer.buffer("RFB 003.008\n"));
    seen.future().await();
    long sessionSeen = System.nanoTime();
    Poll.until(vertx, "a report listing the session with its bytes", () -> reports.stream().anyMatch(r -> r.sessions().stream()
      .anyMatch(s -> s.jti().equals("jti-m1") && s.sub().equals("mia") && s.hostId().equals("desk") && s.bytesOut() == 12)));
    assertTrue(System.nanoTime() - sessionSeen < 2_000_000_000L, "reported soon after the start, not only every 5 s");
    assertEquals("test-gateway", reports.get(reports.size() - 1).node());
    session.ws().close().await();
    int count = reports.size();
    Poll.until(vertx, "a report without the session", () -> reports.size() > count
      && reports.get(reports.size() - 1).sessions().stream().noneMatch(s -> s.jti().equals("jti-m1")));
    consumer.unregister();
  }

  @Test
  void viewOnlySessionsDropInputButKeepTheRest() {
    Open session = open("viewonly:desk:dave:jti-v1");
    Buffer expected = Buffer.buffer();
    Buffer stream = Buffer.buffer();
    Buffer version = Buffer.buffer("RFB 003.008\n");
    Buffer securityNone = Buffer.buffer(new byte[] {1});
    Buffer clientInit = Buffer.buffer(new byte[] {1});
    Buffer pixelFormat = Buffer.buffer(new byte[20]).setByte(0, (byte) 0);
    Buffer encodings = Buffer.buffer().appendByte((byte) 2).appendByte((byte) 0).appendUnsignedShort(2).appendInt(0).appendInt(-223);
    Buffer updateRequest = Buffer.buffer().appendByte((byte) 3).appendByte((byte) 0).appendUnsignedShort(0)
      .appendUnsignedShort(0).appendUnsignedShort(800).appendUnsignedShort(600);
    Buffer key = Buffer.buffer().appendByte((byte) 4).appendByte((byte) 1).appendShort((short) 0).appendInt(0x61);
    Buffer pointer = Buffer.buffer().appendByte((byte) 5).appendByte((byte) 1).appendUnsignedShort(10).appendUnsignedShort(20);
    Buffer cutText = Buffer.buffer().appendByte((byte) 6).appendBytes(new byte[3]).appendInt(5).appendString("hello");
    Buffer resize = Buffer.buffer().appendByte((byte) 251).appendByte((byte) 0).appendUnsignedShort(1024).appendUnsignedShort(768)
      .appendByte((byte) 1).appendByte((byte) 0).appendBytes(new byte[16]);
    Buffer fence = Buffer.buffer().appendByte((byte) 248).appendBytes(new byte[3]).appendInt(0).appendByte((byte) 2).appendBytes(new byte[2]);
    Buffer qemuKey = Buffer.buffer().appendByte((byte) 255).appendByte((byte) 0).appendUnsignedShort(1).appendInt(0x61).appendInt(30);
    for (Buffer part : List.of(version, securityNone, clientInit, pixelFormat, key, encodings, pointer, updateRequest, cutText,
      resize, fence, qemuKey, pointer, updateRequest)) {
      stream.appendBuffer(part);
      boolean input = part == key || part == pointer || part == cutText || part == resize || part == qemuKey;
      if (!input) {
        expected.appendBuffer(part);
      }
    }
    Buffer received = Buffer.buffer();
    Promise<Void> done = Promise.promise();
    session.desktop().handler(data -> {
      received.appendBuffer(data);
      if (received.length() >= expected.length()) {
        done.tryComplete();
      }
    });
    session.desktop().resume();
    // Sent in odd slices, as a browser's frames may cut messages anywhere.
    for (int at = 0; at < stream.length(); at += 7) {
      session.ws().writeBinaryMessage(stream.getBuffer(at, Math.min(stream.length(), at + 7)));
    }
    done.future().await();
    assertEquals(expected, received);
    assertFalse(session.ws().isClosed());
    session.ws().close().await();
  }

  @Test
  void viewOnlySessionThatCannotBeFollowedEnds() {
    Open session = open("viewonly:desk:erin:jti-v2");
    session.desktop().resume();
    session.ws().writeBinaryMessage(Buffer.buffer("RFB 003.008\n").appendByte((byte) 1).appendByte((byte) 1)
      .appendByte((byte) 99).appendBytes(new byte[8]));
    session.closed().await();
    assertEquals((short) 4403, session.ws().closeStatusCode());
    assertEquals("view-only session: unsupported client message", session.ws().closeReason());
  }
}
