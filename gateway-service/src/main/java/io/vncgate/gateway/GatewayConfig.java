package io.vncgate.gateway;

import io.vncgate.gateway.handshake.TrustedProxies;
import io.vncgate.shared.config.ConfigException;
import io.vncgate.shared.config.Settings;
import io.vncgate.shared.http.ApiKeys;
import io.vncgate.shared.launch.NodeName;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Settings of a gateway node, validated once at start-up. docs/configuration.md lists every one.
 *
 * @param httpHost           address to listen on ({@code VNCGATE_HTTP_HOST}, default all interfaces)
 * @param httpPort           HTTP/WebSocket port ({@code VNCGATE_HTTP_PORT}, default 8080)
 * @param wsPath             WebSocket path ({@code VNCGATE_WS_PATH}, default {@code /websockify})
 * @param allowedOrigins     browser origins allowed to open sessions ({@code VNCGATE_ALLOWED_ORIGINS});
 *                           empty means "the gateway's own host only", {@code *} allows any
 * @param trustedProxies     proxies whose {@code X-Forwarded-For}/{@code Forwarded} is believed ({@code VNCGATE_TRUSTED_PROXIES})
 * @param busTimeout         how long verify and resolve may take ({@code VNCGATE_BUS_TIMEOUT_MS})
 * @param connectTimeout     how long dialling (and logging in to) a desktop may take ({@code VNCGATE_CONNECT_TIMEOUT_MS})
 * @param refusalWait        how long a refused client gets to answer the RFB version ({@code VNCGATE_REFUSAL_WAIT_MS})
 * @param novncDir           a noVNC directory to serve instead of the bundled client ({@code VNCGATE_NOVNC_DIR})
 * @param nodeName           this node's name in logs, reports and audit lines ({@code VNCGATE_NODE_NAME})
 * @param loadReportInterval how often each event loop reports its sessions ({@code VNCGATE_LOAD_REPORT_SECONDS}, default 5)
 * @param limits             what one client, user or node may use
 * @param keepalive          pings that keep idle sessions through load balancers and find dead browsers
 * @param tls                {@code wss://} certificate, or {@code null} for plain {@code ws://}
 * @param targetTls          how to check desktops that are reached over TLS
 * @param drainTimeout       how long live sessions may run on after SIGTERM or a drain call ({@code VNCGATE_DRAIN_SECONDS})
 * @param adminKeys          API keys for {@code /admin/*} ({@code VNCGATE_API_KEYS}), or {@code null}: no admin API
 */
public record GatewayConfig(String httpHost, int httpPort, String wsPath, List<String> allowedOrigins,
                            TrustedProxies trustedProxies, Duration busTimeout, Duration connectTimeout, Duration refusalWait,
                            Path novncDir, String nodeName, Duration loadReportInterval, Limits limits, Keepalive keepalive,
                            Tls tls, TargetTls targetTls, Duration drainTimeout, ApiKeys adminKeys) {

  /**
   * @param maxTokenChars      longer tokens are refused (4401) before any lookup ({@code VNCGATE_MAX_TOKEN_BYTES}, 4096)
   * @param handshakeTimeout   a connection must complete its HTTP request or upgrade within this ({@code VNCGATE_HANDSHAKE_TIMEOUT_MS}, 10000)
   * @param maxHeaderBytes     larger request headers get HTTP 431 ({@code VNCGATE_MAX_HEADER_BYTES}, 8192)
   * @param maxMessageBytes    larger browser messages close the session with 1009 ({@code VNCGATE_MAX_MESSAGE_BYTES}, 65536)
   * @param upgradesPerSecond  WebSocket upgrades one client address may make per second, on average ({@code VNCGATE_UPGRADES_PER_SECOND}, 5)
   * @param upgradeBurst       … and at once ({@code VNCGATE_UPGRADE_BURST}, 20)
   * @param maxSessions        live sessions on this node, 0 = no limit ({@code VNCGATE_MAX_SESSIONS})
   * @param idleTimeout        no keyboard or mouse input for this long ends a session (4408), zero = off
   *                           ({@code VNCGATE_IDLE_TIMEOUT_SECONDS}; a token may set a shorter one)
   * @param maxSessionLength   sessions end after this long (4408), zero = off
   *                           ({@code VNCGATE_MAX_SESSION_SECONDS}; a token may set a shorter one)
   */
  public record Limits(int maxTokenChars, Duration handshakeTimeout, int maxHeaderBytes, int maxMessageBytes,
                       double upgradesPerSecond, int upgradeBurst, int maxSessions, Duration idleTimeout,
                       Duration maxSessionLength) {
  }

  /**
   * @param pingInterval server pings to each browser ({@code VNCGATE_PING_SECONDS}, 25; under every proxy's idle timeout)
   * @param peerTimeout  a browser silent for this long (no pong, no data) is gone ({@code VNCGATE_PEER_TIMEOUT_SECONDS}, 75)
   */
  public record Keepalive(Duration pingInterval, Duration peerTimeout) {
  }

  /**
   * @param certPath       PEM certificate chain ({@code VNCGATE_TLS_CERT})
   * @param keyPath        PEM private key ({@code VNCGATE_TLS_KEY})
   * @param reloadInterval how often the files are checked for a new certificate ({@code VNCGATE_TLS_RELOAD_SECONDS}, 60; 0 = never)
   */
  public record Tls(Path certPath, Path keyPath, Duration reloadInterval) {
  }

  /**
   * @param caPath     PEM CA certificates trusted for desktops reached over TLS ({@code VNCGATE_TARGET_TLS_CA};
   *                   default: the JVM's trust store)
   * @param verifyHost whether their certificate must name the host ({@code VNCGATE_TARGET_TLS_VERIFY_HOST}, true)
   */
  public record TargetTls(Path caPath, boolean verifyHost) {
  }

  public static GatewayConfig from(Settings s) {
    String wsPath = s.string("WS_PATH", "/websockify");
    if (!wsPath.matches("/[A-Za-z0-9._~/-]*")) {
      throw new ConfigException("VNCGATE_WS_PATH must be an absolute path such as /websockify, got '" + wsPath + "'");
    }
    Limits limits = new Limits(
      s.integer("MAX_TOKEN_BYTES", 4096, 256, 65_536),
      Duration.ofMillis(s.integer("HANDSHAKE_TIMEOUT_MS", 10_000, 100, 600_000)),
      s.integer("MAX_HEADER_BYTES", 8192, 1024, 1 << 20),
      s.integer("MAX_MESSAGE_BYTES", 65_536, 1024, 16 << 20),
      s.integer("UPGRADES_PER_SECOND", 5, 1, 100_000),
      s.integer("UPGRADE_BURST", 20, 1, 100_000),
      s.integer("MAX_SESSIONS", 0, 0, 1_000_000),
      Duration.ofSeconds(s.integer("IDLE_TIMEOUT_SECONDS", 0, 0, 30 * 24 * 3600)),
      Duration.ofSeconds(s.integer("MAX_SESSION_SECONDS", 0, 0, 30 * 24 * 3600)));
    Keepalive keepalive = new Keepalive(
      Duration.ofSeconds(s.integer("PING_SECONDS", 25, 1, 3600)),
      Duration.ofSeconds(s.integer("PEER_TIMEOUT_SECONDS", 75, 2, 24 * 3600)));
    if (keepalive.peerTimeout().compareTo(keepalive.pingInterval()) <= 0) {
      throw new ConfigException("VNCGATE_PEER_TIMEOUT_SECONDS must be longer than VNCGATE_PING_SECONDS");
    }
    return new GatewayConfig(
      s.string("HTTP_HOST", "0.0.0.0"),
      s.port("HTTP_PORT", 8080),
      wsPath,
      s.list("ALLOWED_ORIGINS", List.of()),
      TrustedProxies.parse(s.list("TRUSTED_PROXIES", List.of())),
      Duration.ofMillis(s.integer("BUS_TIMEOUT_MS", 3000, 50, 60_000)),
      Duration.ofMillis(s.integer("CONNECT_TIMEOUT_MS", 5000, 50, 120_000)),
      Duration.ofMillis(s.integer("REFUSAL_WAIT_MS", 3000, 0, 60_000)),
      novncDir(s.optional("NOVNC_DIR").orElse(null)),
      NodeName.of(s, "gateway"),
      Duration.ofSeconds(s.integer("LOAD_REPORT_SECONDS", 5, 1, 3600)),
      limits,
      keepalive,
      tls(s),
      new TargetTls(s.optional("TARGET_TLS_CA").map(GatewayConfig::readable).orElse(null), s.bool("TARGET_TLS_VERIFY_HOST", true)),
      Duration.ofSeconds(s.integer("DRAIN_SECONDS", 30, 0, 24 * 3600)),
      s.list("API_KEYS", List.of()).isEmpty() ? null : ApiKeys.parse(s.list("API_KEYS", List.of())));
  }

  private static Tls tls(Settings s) {
    var cert = s.optional("TLS_CERT");
    var key = s.optional("TLS_KEY");
    if (cert.isEmpty() && key.isEmpty()) {
      return null;
    }
    if (cert.isEmpty() || key.isEmpty()) {
      throw new ConfigException("VNCGATE_TLS_CERT and VNCGATE_TLS_KEY go together: set both (PEM files) or neither");
    }
    return new Tls(readable(cert.get()), readable(key.get()), Duration.ofSeconds(s.integer("TLS_RELOAD_SECONDS", 60, 0, 86_400)));
  }

  private static Path readable(String file) {
    Path path = Path.of(file).toAbsolutePath();
    if (!Files.isReadable(path)) {
      throw new ConfigException("cannot read " + path + " (VNCGATE_TLS_CERT, VNCGATE_TLS_KEY or VNCGATE_TARGET_TLS_CA)");
    }
    return path;
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
