package io.vncgate.shared.launch;

import io.vncgate.shared.config.Settings;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The name of this node in logs, audit lines and load reports ({@code VNCGATE_NODE_NAME}). */
public final class NodeName {

  private NodeName() {
  }

  /** The configured name, or {@code service-hostname-pid}. Call at start-up only (it may do a DNS lookup). */
  public static String of(Settings settings, String service) {
    return settings.optional("NODE_NAME").orElseGet(() -> service + "-" + hostName() + "-" + ProcessHandle.current().pid());
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
