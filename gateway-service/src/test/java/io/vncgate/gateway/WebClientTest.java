package io.vncgate.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.vncgate.shared.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The web client the gateway serves: bundled, from a noVNC app directory, or over a noVNC library. */
@ExtendWith(VertxExtension.class)
class WebClientTest {

  private static WebClient http(Vertx vertx, int port) {
    return WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
  }

  private static HttpResponse<Buffer> get(WebClient http, String path) {
    return http.get(path).send().await();
  }

  @Test
  void bundledClientIsServedWithSafeHeaders(Vertx vertx) {
    WebClient http = http(vertx, GatewayHarness.deploy(vertx, GatewayHarness.config(Map.of())));
    HttpResponse<Buffer> page = get(http, "/vnc.html");
    assertEquals(200, page.statusCode());
    assertTrue(page.bodyAsString().contains("vncgate.js"));
    assertEquals("no-store", page.getHeader("Cache-Control"));
    assertEquals("no-referrer", page.getHeader("Referrer-Policy"));
    String csp = page.getHeader("Content-Security-Policy");
    assertTrue(csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'") && csp.contains("object-src 'none'"), csp);
    assertFalse(csp.contains("unsafe"), "no inline script or eval is allowed: " + csp);
    assertEquals("nosniff", page.getHeader("X-Content-Type-Options"));
    assertEquals(200, get(http, "/").statusCode(), "the index is the client page");
    assertEquals(404, http.post("/admin/drain").send().await().statusCode(), "no admin API without admin keys");

    HttpResponse<Buffer> rfb = get(http, "/novnc/core/rfb.js");
    assertEquals(200, rfb.statusCode(), "the bundled noVNC library");
    assertTrue(rfb.bodyAsString().contains("export default class RFB"));
    assertEquals(200, get(http, "/novnc/LICENSE.txt").statusCode());
    assertEquals(404, get(http, "/novnc/core/").statusCode(), "no directory listing");
    assertEquals(404, get(http, "/nothing-here.js").statusCode());
    assertEquals(200, get(http, "/health/live").statusCode());
    assertEquals(200, get(http, "/health/ready").statusCode());
  }

  @Test
  void fullNoVncAppDirectoryIsServedAsItIs(Vertx vertx, @TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("vnc.html"), "<title>stock noVNC app</title>");
    Files.createDirectories(dir.resolve("app"));
    Files.writeString(dir.resolve("app/ui.js"), "// ui");
    WebClient http = http(vertx, GatewayHarness.deploy(vertx, GatewayHarness.config(Map.of("NOVNC_DIR", dir.toString()))));
    HttpResponse<Buffer> page = get(http, "/vnc.html");
    assertTrue(page.bodyAsString().contains("stock noVNC app"));
    assertEquals("no-referrer", page.getHeader("Referrer-Policy"));
    assertEquals(200, get(http, "/app/ui.js").statusCode());
    assertEquals(404, get(http, "/app/").statusCode(), "no directory listing");
  }

  @Test
  void noVncLibraryDirectoryIsServedUnderTheOwnPage(Vertx vertx, @TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("core"));
    Files.writeString(dir.resolve("core/rfb.js"), "// library from the configured directory");
    WebClient http = http(vertx, GatewayHarness.deploy(vertx, GatewayHarness.config(Map.of("NOVNC_DIR", dir.toString()))));
    assertTrue(get(http, "/vnc.html").bodyAsString().contains("vncgate.js"));
    assertTrue(get(http, "/novnc/core/rfb.js").bodyAsString().contains("from the configured directory"));
  }

  @Test
  void directoryWithoutNoVncIsRefusedAtStart(@TempDir Path dir) {
    ConfigException e = assertThrows(ConfigException.class, () -> GatewayHarness.config(Map.of("NOVNC_DIR", dir.toString())));
    assertTrue(e.getMessage().contains("VNCGATE_NOVNC_DIR"));
  }
}
