package io.vncgate.gateway.handshake;

import io.netty.util.NetUtil;
import io.vertx.core.MultiMap;
import io.vncgate.shared.config.ConfigException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Who the client really is behind a proxy. {@code X-Forwarded-For} and {@code Forwarded} are
 * believed only when the connection comes from a configured proxy ({@code VNCGATE_TRUSTED_PROXIES},
 * addresses or CIDR ranges); the client is then the right-most address in the chain that is not
 * itself a trusted proxy, so a client cannot pose as someone else by sending the header itself.
 */
public final class TrustedProxies {

  private record Range(byte[] network, int bits) {

    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      int full = bits / 8;
      for (int i = 0; i < full; i++) {
        if (address[i] != network[i]) {
          return false;
        }
      }
      int rest = bits % 8;
      return rest == 0 || ((address[full] ^ network[full]) & (0xff << (8 - rest)) & 0xff) == 0;
    }
  }

  private final List<Range> ranges;

  private TrustedProxies(List<Range> ranges) {
    this.ranges = ranges;
  }

  public static TrustedProxies parse(List<String> entries) {
    List<Range> ranges = new ArrayList<>();
    for (String entry : entries) {
      String[] parts = entry.split("/", 2);
      byte[] address = NetUtil.createByteArrayFromIpAddressString(parts[0]);
      if (address == null) {
        throw new ConfigException("VNCGATE_TRUSTED_PROXIES: '" + entry + "' is not an IP address or CIDR range");
      }
      int bits = address.length * 8;
      if (parts.length == 2) {
        try {
          bits = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
          bits = -1;
        }
        if (bits < 0 || bits > address.length * 8) {
          throw new ConfigException("VNCGATE_TRUSTED_PROXIES: '" + entry + "' has a bad prefix length");
        }
      }
      ranges.add(new Range(address, bits));
    }
    return new TrustedProxies(ranges);
  }

  public boolean isEmpty() {
    return ranges.isEmpty();
  }

  boolean trusts(String address) {
    byte[] bytes = address == null ? null : NetUtil.createByteArrayFromIpAddressString(address);
    return bytes != null && ranges.stream().anyMatch(range -> range.contains(bytes));
  }

  /** The client's address: the peer itself, or, from a trusted proxy, what the proxy headers say. */
  public String clientAddress(String peer, MultiMap headers) {
    if (ranges.isEmpty() || !trusts(peer)) {
      return peer;
    }
    List<String> chain = forwardedChain(headers);
    for (int i = chain.size() - 1; i >= 0; i--) {
      String hop = chain.get(i);
      if (NetUtil.createByteArrayFromIpAddressString(hop) == null) {
        return peer;
      }
      if (!trusts(hop)) {
        return hop;
      }
    }
    return chain.isEmpty() ? peer : chain.get(0);
  }

  /** Addresses from {@code Forwarded: for=…} (RFC 7239) or else {@code X-Forwarded-For}, oldest first. */
  private static List<String> forwardedChain(MultiMap headers) {
    List<String> chain = new ArrayList<>();
    List<String> forwarded = headers.getAll("Forwarded");
    if (!forwarded.isEmpty()) {
      for (String header : forwarded) {
        for (String element : header.split(",")) {
          for (String pair : element.split(";")) {
            String[] kv = pair.trim().split("=", 2);
            if (kv.length == 2 && kv[0].equalsIgnoreCase("for")) {
              chain.add(unquote(kv[1]));
            }
          }
        }
      }
      return chain;
    }
    for (String header : headers.getAll("X-Forwarded-For")) {
      Arrays.stream(header.split(",")).map(String::trim).filter(h -> !h.isEmpty()).forEach(chain::add);
    }
    return chain;
  }

  private static String unquote(String value) {
    String v = value.trim();
    if (v.startsWith("\"") && v.endsWith("\"") && v.length() >= 2) {
      v = v.substring(1, v.length() - 1);
    }
    if (v.startsWith("[")) {
      int end = v.indexOf(']');
      return end > 0 ? v.substring(1, end) : v;
    }
    int colon = v.indexOf(':');
    return colon > 0 && v.indexOf(':', colon + 1) < 0 ? v.substring(0, colon) : v;
  }
}
