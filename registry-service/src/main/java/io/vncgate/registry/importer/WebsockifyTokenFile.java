package io.vncgate.registry.importer;

import io.vncgate.registry.host.HostInput;
import io.vncgate.registry.host.HostInput.Registration;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a websockify token file ({@code TokenFile} plugin format): one {@code token: host:port}
 * per line, the token separated by a colon and white space, the target split at its last colon
 * (so {@code [2001:db8::1]:5901} works), {@code #} comments and blank lines ignored. Each good
 * line becomes a host whose id is the token.
 */
public final class WebsockifyTokenFile {

  private static final Pattern LINE = Pattern.compile("^(.*?):\\s+(\\S+)\\s*$");

  /** A line that could not be imported, and why. */
  public record Rejected(int line, String text, String reason) {
  }

  /** The hosts to register and the lines that were refused. */
  public record Parsed(List<Registration> hosts, List<Rejected> rejected) {
  }

  private WebsockifyTokenFile() {
  }

  /** @param pool the pool the imported hosts join, or {@code null} */
  public static Parsed parse(String text, String pool) {
    List<Registration> hosts = new ArrayList<>();
    List<Rejected> rejected = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      try {
        Registration host = parseLine(line, pool);
        if (seen.contains(host.id())) {
          throw new IllegalArgumentException("token '" + host.id() + "' appears twice; the first line counts");
        }
        seen.add(host.id());
        hosts.add(host);
      } catch (IllegalArgumentException e) {
        rejected.add(new Rejected(i + 1, line.length() > 200 ? line.substring(0, 200) + "…" : line, e.getMessage()));
      }
    }
    return new Parsed(hosts, rejected);
  }

  private static Registration parseLine(String line, String pool) {
    Matcher m = LINE.matcher(line);
    if (!m.matches()) {
      throw new IllegalArgumentException("expected 'token: host:port'");
    }
    String token = m.group(1).strip();
    String target = m.group(2);
    int colon = target.lastIndexOf(':');
    if (colon <= 0 || colon == target.length() - 1) {
      throw new IllegalArgumentException("the target must be host:port");
    }
    if (!HostInput.ID.matcher(token).matches()) {
      throw new IllegalArgumentException("the token cannot be a host id (1-128 letters, digits or . _ ~ -)");
    }
    int port;
    try {
      port = Integer.parseInt(target.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("the port must be a number from 1 to 65535");
    }
    String host = target.substring(0, colon);
    if (host.contains(":") && !host.startsWith("[")) {
      throw new IllegalArgumentException("an IPv6 address must be in brackets, as in [2001:db8::1]:5901");
    }
    return new Registration(token, HostInput.host(host), HostInput.port(port), pool, Map.of("source", "websockify"), 0, 1, 0, null, false);
  }
}
