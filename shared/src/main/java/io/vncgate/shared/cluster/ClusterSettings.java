package io.vncgate.shared.cluster;

import io.vncgate.shared.config.ConfigException;
import io.vncgate.shared.config.Settings;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * How a node joins the cluster: Hazelcast TCP/IP join (multicast is always off).
 *
 * @param name    cluster name; nodes with another name never join ({@code VNCGATE_CLUSTER_NAME})
 * @param members addresses to join, {@code host} or {@code host:port} ({@code VNCGATE_CLUSTER_MEMBERS})
 * @param host    address this node binds and advertises, for Hazelcast and the event bus
 *                ({@code VNCGATE_CLUSTER_HOST}); Hazelcast wants interface addresses, so a host
 *                name (as in Docker Compose) is resolved here, once, and a name that does not
 *                resolve is a setting error like any other
 * @param port    first Hazelcast port to try; the next free one is taken ({@code VNCGATE_CLUSTER_PORT})
 * @param joinPortTries how many ports from {@code port} up are probed on members given without a
 *                port, so several processes on one machine find each other
 *                ({@code VNCGATE_CLUSTER_PORT_TRIES})
 * @param busPort port of the event bus, 0 for any free one ({@code VNCGATE_CLUSTER_BUS_PORT});
 *                fix it where a firewall sits between nodes
 */
public record ClusterSettings(String name, List<String> members, String host, int port, int joinPortTries, int busPort) {

  public static final String DEFAULT_NAME = "vncgate";
  public static final int DEFAULT_PORT = 5701;

  public ClusterSettings {
    if (members.isEmpty()) {
      throw new ConfigException("VNCGATE_CLUSTER_MEMBERS must name at least one member");
    }
    members = List.copyOf(members);
    host = address(host);
  }

  private static String address(String host) {
    try {
      return InetAddress.getByName(host).getHostAddress();
    } catch (UnknownHostException e) {
      throw new ConfigException("VNCGATE_CLUSTER_HOST: cannot resolve '" + host + "'", e);
    }
  }

  public static ClusterSettings from(Settings settings) {
    return new ClusterSettings(
      settings.string("CLUSTER_NAME", DEFAULT_NAME),
      settings.list("CLUSTER_MEMBERS", List.of("127.0.0.1")),
      settings.string("CLUSTER_HOST", "127.0.0.1"),
      settings.integer("CLUSTER_PORT", DEFAULT_PORT, 1, 65535),
      settings.integer("CLUSTER_PORT_TRIES", 20, 1, 1000),
      settings.port("CLUSTER_BUS_PORT", 0));
  }

  /** Settings for nodes of one test cluster on loopback. */
  public static ClusterSettings loopback(String name) {
    return new ClusterSettings(name, List.of("127.0.0.1"), "127.0.0.1", DEFAULT_PORT, 20, 0);
  }
}
