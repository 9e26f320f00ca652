package io.vncgate.gateway;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServer;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vncgate.shared.bus.Destination;
import io.vncgate.testkit.BrowserSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One known session (random byte counts each way, closed by the browser with 1000) and what the
 * gateway reports about it: the Prometheus text at {@code /metrics} and the two audit lines on
 * the {@code vncgate.audit} logger carry exactly its numbers, and never the token.
 */
@ExtendWith(VertxExtension.class)
class MetricsAuditTest {

  private static final String ORIGIN = "http://allowed.example";

  private final ListAppender<ILoggingEvent> audit = new ListAppender<>();
  private final Logger auditLogger = (Logger) LoggerFactory.getLogger("vncgate.audit");

  @BeforeEach
  void captureAudit() {
    audit.start();
    auditLogger.addAppender(audit);
  }

  @AfterEach
  void releaseAudit() {
    auditLogger.detachAppender(audit);
  }

  @Test
  void metricsAndAuditLinesCarryTheNumbersOfAKnownSession(Vertx vertx) {
    Random random = new Random();
    int toBrowser = 50_000 + random.nextInt(200_000);
    int toDesktop = 1_000 + random.nextInt(30_000);
    FakeServices services = new FakeServices();
    services.register(vertx).await();
    Promise<Void> desktopGotAll = Promise.promise();
    int[] desktopReceived = {0};
    NetServer desktop = vertx.createNetServer().connectHandler(socket -> {
      socket.handler(data -> {
        desktopReceived[0] += data.length();
        if (desktopReceived[0] == toDesktop) {
          desktopGotAll.complete();
        }
      });
      socket.write(Buffer.buffer(new byte[toBrowser]));
    }).listen(0, "127.0.0.1").await();
    services.hosts.put("known", new Destination("known", "127.0.0.1", desktop.actualPort(), null));
    int port = GatewayHarness.deploy(vertx, GatewayHarness.config(Map.of()));
    WebSocketClient client = vertx.createWebSocketClient();
    String token = "host:known:alice:jti-known";

    BrowserSocket browser = BrowserSocket.connect(client, TestBrowser.options(port, token, ORIGIN)).await();
    browser.read(toBrowser).await();
    WebSocket ws = browser.socket();
    for (int sent = 0; sent < toDesktop; sent += 4096) {
      ws.writeBinaryMessage(Buffer.buffer(new byte[Math.min(4096, toDesktop - sent)]));
    }
    desktopGotAll.future().await();
    ws.close((short) 1000).await();
    Poll.until(vertx, "the session's end in the audit log", () -> lines().stream().anyMatch(l -> "session.ended".equals(l.getString("event"))));

    List<JsonObject> lines = lines();
    JsonObject started = lines.stream().filter(l -> "session.started".equals(l.getString("event"))).findFirst().orElseThrow();
    JsonObject ended = lines.stream().filter(l -> "session.ended".equals(l.getString("event"))).findFirst().orElseThrow();
    assertNotNull(started.getString("sessionId"));
    for (JsonObject line : List.of(started, ended)) {
      assertEquals(started.getString("sessionId"), line.getString("sessionId"));
      assertEquals("jti-known", line.getString("jti"));
      assertEquals("alice", line.getString("sub"));
      assertEquals("127.0.0.1", line.getString("clientIp"));
      assertEquals("known", line.getString("hostId"));
      assertEquals("test-gateway", line.getString("node"));
    }
    assertEquals(toDesktop, ended.getLong("bytesToDesktop"));
    assertEquals(toBrowser, ended.getLong("bytesToBrowser"));
    assertEquals("1000", ended.getString("closeCode"));
    assertEquals("browser", ended.getString("closedBy"));
    assertTrue(ended.getLong("durationMillis") >= 0);
    audit.list.forEach(event -> assertFalse(event.getFormattedMessage().contains(token), "no token in " + event.getFormattedMessage()));

    String metrics = WebClient.create(vertx).get(port, "127.0.0.1", "/metrics").send().await().bodyAsString();
    assertEquals(1, value(metrics, "vncgate_sessions_opened_total", ""));
    assertEquals(0, value(metrics, "vncgate_sessions_active", ""));
    assertEquals(1, value(metrics, "vncgate_sessions_closed_total", "by=\"browser\",code=\"1000\""));
    assertEquals(toDesktop, value(metrics, "vncgate_bytes_total", "direction=\"to_desktop\""));
    assertEquals(toBrowser, value(metrics, "vncgate_bytes_total", "direction=\"to_browser\""));
    for (String step : List.of("verify", "resolve", "connect", "total")) {
      assertEquals(1, value(metrics, "vncgate_handshake_seconds_count", "step=\"" + step + "\""), step);
    }
    assertTrue(metrics.contains("vncgate_handshake_seconds_bucket{"), "handshake latency is a histogram");
    assertTrue(metrics.contains("jvm_memory_used_bytes"), "JVM basics are there");
    assertFalse(metrics.contains(token));
    // Closing the client last also keeps it reachable: Vert.x closes a client the collector finds unreachable.
    client.close().await();
  }

  /**
   * A browser whose connection just goes (no close frame) while its desktop streams: the session
   * ends as the browser's doing, on the fast path and on the parsing (view-only) path alike, and
   * the desktop's socket is closed.
   */
  @ParameterizedTest
  @ValueSource(strings = {"host", "viewonly"})
  void aBrowserThatVanishesWhileTheDesktopStreamsIsRecordedAsTheBrowsers(String kind, Vertx vertx) {
    FakeServices services = new FakeServices();
    services.register(vertx).await();
    Promise<Void> desktopClosed = Promise.promise();
    Buffer chunk = Buffer.buffer(new byte[64 * 1024]);
    NetServer desktop = vertx.createNetServer().connectHandler(socket -> {
      boolean[] closed = new boolean[1];
      socket.closeHandler(v -> {
        closed[0] = true;
        desktopClosed.tryComplete();
      });
      socket.write(Buffer.buffer("RFB 003.008\n"));
      // One chunk per turn of the event loop, so the close can arrive between two: a closed
      // socket drops writes and never fills its queue, and a loop waiting for that would spin.
      Runnable[] stream = new Runnable[1];
      stream[0] = () -> {
        if (closed[0]) {
          return;
        }
        socket.write(chunk.copy());
        if (socket.writeQueueFull()) {
          socket.drainHandler(v -> stream[0].run());
        } else {
          vertx.runOnContext(v -> stream[0].run());
        }
      };
      stream[0].run();
    }).listen(0, "127.0.0.1").await();
    services.hosts.put("streaming", new Destination("streaming", "127.0.0.1", desktop.actualPort(), null));
    int port = GatewayHarness.deploy(vertx, GatewayHarness.config(Map.of()));
    RawWebSocket browser = RawWebSocket.connect(vertx, vertx.createNetClient(), port,
      RawWebSocket.upgrade("/websockify?token=" + kind + ":streaming:vera:jti-vanish", "Origin: " + ORIGIN + "\r\n")).await();
    browser.firstData.future().await();
    browser.close();

    desktopClosed.future().await();
    Poll.until(vertx, "the session's end in the audit log", () -> lines().stream().anyMatch(l -> "session.ended".equals(l.getString("event"))));
    JsonObject ended = lines().stream().filter(l -> "session.ended".equals(l.getString("event"))).findFirst().orElseThrow();
    assertEquals("browser", ended.getString("closedBy"), ended.encode());
    assertEquals("the browser closed the session", ended.getString("reason"));
    assertEquals("1006", ended.getString("closeCode"), "no close frame: abnormal closure");
    assertTrue(ended.getLong("bytesToBrowser") > 0, "the desktop was streaming");
  }

  /** The audit lines so far; the appender adds to its list on event loops under its own lock (AppenderBase.doAppend). */
  private List<JsonObject> lines() {
    List<ILoggingEvent> events;
    synchronized (audit) {
      events = List.copyOf(audit.list);
    }
    return events.stream().map(event -> new JsonObject(event.getFormattedMessage())).toList();
  }

  /** The value of one Prometheus sample; {@code labels} is the exact label text inside the braces. */
  private static double value(String metrics, String name, String labels) {
    String sample = labels.isEmpty() ? Pattern.quote(name) + "(?:\\{[^}]*\\})?" : Pattern.quote(name) + "\\{[^}]*" + Pattern.quote(labels) + "[^}]*\\}";
    Matcher matcher = Pattern.compile("(?m)^" + sample + " (\\S+)$").matcher(metrics);
    assertTrue(matcher.find(), name + "{" + labels + "} is not in /metrics:\n" + metrics);
    return Double.parseDouble(matcher.group(1));
  }
}
