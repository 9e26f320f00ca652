package io.vncgate.gateway;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.SelfSignedCertificate;
import io.vertx.junit5.VertxExtension;
import io.vncgate.gateway.TestBrowser.Outcome;
import io.vncgate.shared.bus.Destination;
import io.vncgate.testkit.BrowserSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * TLS with generated self-signed certificates: {@code wss://} from a PEM pair, a renewed pair
 * picked up without dropping a live session, and desktops reached over TLS, trusted through
 * {@code VNCGATE_TARGET_TLS_CA} and refused (4502) without it.
 */
@ExtendWith(VertxExtension.class)
class TlsTest {

  private static final String ORIGIN = "http://allowed.example";

  @Test
  void wssServesSessionsAndARenewedCertificateReplacesTheOldOneWithoutDroppingThem(Vertx vertx, @TempDir Path dir) throws Exception {
    SelfSignedCertificate first = SelfSignedCertificate.create("gateway.example");
    SelfSignedCertificate renewed = SelfSignedCertificate.create("gateway.example");
    Path cert = dir.resolve("cert.pem");
    Path key = dir.resolve("key.pem");
    install(first, cert, key, Instant.now().minusSeconds(60));
    FakeServices services = new FakeServices();
    services.register(vertx).await();
    NetServer echo = vertx.createNetServer().connectHandler(socket -> socket.pipeTo(socket)).listen(0, "127.0.0.1").await();
    services.hosts.put("echo", new Destination("echo", "127.0.0.1", echo.actualPort(), null));
    int port = GatewayHarness.deploy(vertx, GatewayHarness.config(Map.of(
      "TLS_CERT", cert.toString(), "TLS_KEY", key.toString(), "TLS_RELOAD_SECONDS", "1")));
    WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setSsl(true).setTrustAll(true).setVerifyHost(false));

    WebSocket live = client.connect(TestBrowser.options(port, "host:echo", ORIGIN)).await();
    String before = fingerprint(live.peerCertificates().get(0));
    assertEquals(fingerprint(first), before, "the configured certificate is served");
    assertEquals("ping-1", roundTrip(live, "ping-1"));

    install(renewed, cert, key, Instant.now());
    String after = before;
    for (long end = System.nanoTime() + 10_000_000_000L; after.equals(before) && System.nanoTime() < end; ) {
      vertx.timer(200).await();
      WebSocket probe = client.connect(TestBrowser.options(port, "host:echo", ORIGIN)).await();
      after = fingerprint(probe.peerCertificates().get(0));
      probe.close().await();
    }
    assertEquals(fingerprint(renewed), after, "new connections get the renewed certificate");
    assertFalse(live.isClosed(), "the live session survived the reload");
    assertEquals("ping-2", roundTrip(live, "ping-2"));
    assertEquals(before, fingerprint(live.peerCertificates().get(0)));
    // Closing the client last also keeps it reachable: Vert.x closes a client the collector finds unreachable.
    client.close().await();
  }

  @Test
  void desktopsOverTlsAreTrustedThroughTheConfiguredCaAndRefusedWithoutIt(Vertx vertx) throws Exception {
    SelfSignedCertificate desktopCert = SelfSignedCertificate.create("desktop.example");
    FakeServices services = new FakeServices();
    services.register(vertx).await();
    NetServer desktop = vertx.createNetServer(new NetServerOptions().setSsl(true).setKeyCertOptions(
        new PemKeyCertOptions().setCertPath(desktopCert.certificatePath()).setKeyPath(desktopCert.privateKeyPath())))
      .connectHandler(socket -> socket.write(Buffer.buffer("RFB 003.008\n"))).listen(0, "127.0.0.1").await();
    services.hosts.put("secure", new Destination("secure", "127.0.0.1", desktop.actualPort(), null, true));
    // The certificate names desktop.example, not 127.0.0.1, so the host-name check is off here;
    // the chain is still checked against the CA.
    int trusting = GatewayHarness.deploy(vertx, GatewayHarness.config(Map.of(
      "TARGET_TLS_CA", desktopCert.certificatePath(), "TARGET_TLS_VERIFY_HOST", "false")));
    int strangers = GatewayHarness.deploy(vertx, GatewayHarness.config(Map.of("TARGET_TLS_VERIFY_HOST", "false")));
    WebSocketClient client = vertx.createWebSocketClient();

    BrowserSocket browser = BrowserSocket.connect(client, TestBrowser.options(trusting, "host:secure", ORIGIN)).await();
    assertEquals("RFB 003.008\n", browser.read(12).await().toString());
    browser.socket().close().await();

    Outcome refused = TestBrowser.refusal(vertx, TestBrowser.options(strangers, "host:secure", ORIGIN)).await();
    assertEquals(4502, refused.closeCode(), "a desktop whose certificate nobody vouches for is unreachable");
    assertNotEquals("", refused.rfbReason());
    // Closing the client last also keeps it reachable: Vert.x closes a client the collector finds unreachable.
    client.close().await();
  }

  private static void install(SelfSignedCertificate pair, Path cert, Path key, Instant stamp) throws Exception {
    Files.copy(Path.of(pair.certificatePath()), cert, StandardCopyOption.REPLACE_EXISTING);
    Files.copy(Path.of(pair.privateKeyPath()), key, StandardCopyOption.REPLACE_EXISTING);
    Files.setLastModifiedTime(cert, FileTime.from(stamp));
    Files.setLastModifiedTime(key, FileTime.from(stamp));
  }

  private static String roundTrip(WebSocket ws, String text) {
    Future<Buffer> echoed = firstBytes(ws, text.length());
    ws.writeBinaryMessage(Buffer.buffer(text));
    return echoed.await().toString();
  }

  private static Future<Buffer> firstBytes(WebSocket ws, int length) {
    Promise<Buffer> done = Promise.promise();
    Buffer received = Buffer.buffer();
    ws.handler(data -> {
      received.appendBuffer(data);
      if (received.length() >= length) {
        done.tryComplete(received);
      }
    });
    return done.future();
  }

  private static String fingerprint(SelfSignedCertificate pair) throws Exception {
    String pem = Files.readString(Path.of(pair.certificatePath()));
    String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(java.util.Base64.getDecoder().decode(base64)));
  }

  private static String fingerprint(Certificate certificate) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
  }
}
