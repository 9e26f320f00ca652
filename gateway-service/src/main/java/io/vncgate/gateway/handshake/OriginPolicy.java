package io.vncgate.gateway.handshake;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Which browser pages may open sessions (defence against cross-site WebSocket hijacking).
 *
 * <ul>
 *   <li>{@code *} in the list allows every origin (local use only);</li>
 *   <li>a non-empty list allows exactly those origins ({@code scheme://host[:port]});</li>
 *   <li>an empty list allows pages from the host the browser connected to (same host and port
 *       as the {@code Host} header), which is where the gateway serves noVNC itself.</li>
 * </ul>
 * A request without {@code Origin} does not come from a browser page (browsers always send it
 * on WebSocket upgrades), so it cannot be a cross-site request and is allowed.
 */
public final class OriginPolicy {

  private final boolean any;
  private final List<String> allowed;

  public OriginPolicy(List<String> origins) {
    this.any = origins.contains("*");
    this.allowed = origins.stream().map(OriginPolicy::normalize).toList();
  }

  public boolean allows(String origin, String hostHeader) {
    if (origin == null || any) {
      return true;
    }
    String normalized = normalize(origin);
    if (!allowed.isEmpty()) {
      return allowed.contains(normalized);
    }
    return hostHeader != null && sameHost(normalized, hostHeader.toLowerCase(Locale.ROOT));
  }

  private static boolean sameHost(String origin, String hostHeader) {
    try {
      URI uri = new URI(origin);
      if (uri.getHost() == null) {
        return false;
      }
      int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
      String host = uri.getHost();
      String withPort = (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
      String withoutDefault = uri.getPort() == -1 ? host : withPort;
      return hostHeader.equals(withPort) || hostHeader.equals(withoutDefault);
    } catch (Exception e) {
      return false;
    }
  }

  private static String normalize(String origin) {
    String o = origin.trim().toLowerCase(Locale.ROOT);
    return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
  }
}
