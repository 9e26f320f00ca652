package io.vncgate.gateway.web;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.FileSystemAccess;
import io.vertx.ext.web.handler.StaticHandler;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Serves the noVNC web client, never with directory listings:
 * <ul>
 *   <li>{@code VNCGATE_NOVNC_DIR} holding the full noVNC app ({@code vnc.html}, e.g. Debian's
 *       {@code /usr/share/novnc}): that app as it is;</li>
 *   <li>{@code VNCGATE_NOVNC_DIR} holding only the noVNC library ({@code core/rfb.js}, e.g. the npm
 *       package): vncgate's own {@code vnc.html} on top of that library;</li>
 *   <li>nothing configured: vncgate's page with the noVNC library bundled in the jar.</li>
 * </ul>
 * Pages carry {@code Referrer-Policy: no-referrer} and {@code Cache-Control: no-store}, so a
 * token in the page URL never leaks through {@code Referer} or a shared cache, and a strict
 * Content-Security-Policy that both noVNC clients work under: scripts, styles and connections
 * from this origin only, no framing.
 */
public final class WebClientRoutes {

  private WebClientRoutes() {
  }

  /** What a page may load and where it may connect; noVNC needs data: and blob: images (cursors). */
  static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    + "connect-src 'self'; media-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; "
    + "frame-ancestors 'none'";

  public static void mount(Router router, Path novncDir) {
    router.route().handler(WebClientRoutes::pageHeaders);
    if (novncDir != null && Files.isRegularFile(novncDir.resolve("vnc.html"))) {
      router.route("/*").handler(staticFiles(StaticHandler.create(FileSystemAccess.ROOT, novncDir.toString())));
      return;
    }
    if (novncDir != null) {
      router.route("/novnc/*").handler(staticFiles(StaticHandler.create(FileSystemAccess.ROOT, novncDir.toString())));
    }
    router.route("/*").handler(staticFiles(StaticHandler.create("webroot")));
  }

  private static StaticHandler staticFiles(StaticHandler handler) {
    return handler.setDirectoryListing(false).setIncludeHidden(false).setIndexPage("vnc.html");
  }

  private static void pageHeaders(RoutingContext ctx) {
    String path = ctx.normalizedPath();
    if (path.endsWith("/") || path.endsWith(".html")) {
      ctx.addHeadersEndHandler(v -> ctx.response().headers()
        .set("Cache-Control", "no-store")
        .set("Referrer-Policy", "no-referrer")
        .set("Content-Security-Policy", CSP)
        .set("X-Content-Type-Options", "nosniff"));
    }
    ctx.next();
  }
}
