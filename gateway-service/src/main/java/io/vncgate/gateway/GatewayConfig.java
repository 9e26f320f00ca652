package io.vncgate.gateway;

import io.vncgate.shared.config.ConfigException;
import io.vncgate.shared.config.Settings;
import io.vncgate.shared.launch.NodeName;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Settings of a gateway node, validated once at start-up.
 *
 * @param httpHost         address to listen on ({@code VNCGATE_HTTP_HOST}, default all interfaces)
 * @param httpPort         HTTP/WebSocket port ({@code VNCGATE_HTTP_PORT}, default 8080)
 * @param wsPath           WebSocket path ({@code VNCGATE_WS_PATH}, default {@code /websockify})
 * @param allowedOrigins   browser origins allowed to open sessions ({@code VNCGATE_ALLOWED_ORIGINS});
 *                         empty means "the gateway's own host only", {@code *} allows any
 * @param busTimeout       how long verify and resolve may take ({@code VNCGATE_BUS_TIMEOUT_MS})
 * @param connectTimeout   how long dialling a desktop may take ({@code VNCGATE_CONNECT_TIMEOUT_MS})
 * @param maxTokenChars    longer tokens are refused before any lookup ({@code VNCGATE_MAX_TOKEN_BYTES})
 * @param refusalWait      how long a refused client gets to answer the RFB version ({@code VNCGATE_REFUSAL_WAIT_MS})
 * @param novncDir         a noVNC directory to serve instead of the bundled client ({@code VNCGATE_NOVNC_DIR})
 * @param nodeName         this node's name in logs and bus requests ({@code VNCGATE_NODE_NAME})
 * @param loadReportInterval how often each event loop reports its sessions to the registries
 *                         ({@code VNCGATE_LOAD_REPORT_SECONDS}, default 5; keep it under the
 *                         registry's {@code VNCGATE_LOAD_REPORT_TTL_SECONDS})
 */
public record GatewayConfig(String httpHost, int httpPort, String wsPath, List<String> allowedOrigins, Duration busTimeout,
                            Duration connectTimeout, int maxTokenChars, Duration refusalWait, Path novncDir,
                            String nodeName, Duration loadReportInterval) {

  public static GatewayConfig from(Settings s) {
    String wsPath = s.string("WS_PATH", "/websockify");
    if (!wsPath.matches("/[A-Za-z0-9._~/-]*")) {
      throw new ConfigException("VNCGATE_WS_PATH must be an absolute path such as /websockify, got '" + wsPath + "'");
    }
    return new GatewayConfig(
      s.string("HTTP_HOST", "0.0.0.0"),
      s.port("HTTP_PORT", 8080),
      wsPath,
      s.list("ALLOWED_ORIGINS", List.of()),
      Duration.ofMillis(s.integer("BUS_TIMEOUT_MS", 3000, 50, 60_000)),
      Duration.ofMillis(s.integer("CONNECT_TIMEOUT_MS", 5000, 50, 120_000)),
      s.integer("MAX_TOKEN_BYTES", 4096, 256, 65_536),
      Duration.ofMillis(s.integer("REFUSAL_WAIT_MS", 3000, 0, 60_000)),
      novncDir(s.optional("NOVNC_DIR").orElse(null)),
      NodeName.of(s, "gateway"),
      Duration.ofSeconds(s.integer("LOAD_REPORT_SECONDS", 5, 1, 3600)));
  }

  private static Path novncDir(String dir) {
    if (dir == null) {
      return null;
    }
    Path path = Path.of(dir).toAbsolutePath().normalize();
    if (!Files.isRegularFile(path.resolve("vnc.html")) && !Files.isRegularFile(path.resolve("core/rfb.js"))) {
      throw new ConfigException("VNCGATE_NOVNC_DIR must hold the noVNC app (vnc.html) or the noVNC library (core/rfb.js): " + path);
    }
    return path;
  }
}
