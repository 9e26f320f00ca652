package io.vncgate.shared.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;


/**
 * Creates clustered Vert.x instances: Hazelcast with TCP/IP join only, bound to one interface,
 * and the event bus on the same host. Used by the launcher and by clustered tests alike.
 */
public final class ClusterBootstrap {

  private ClusterBootstrap() {
  }

  /** A builder for a clustered Vert.x node; call {@link VertxBuilder#buildClustered()}. */
  public static VertxBuilder builder(ClusterSettings cluster, VertxOptions options) {
    options.getEventBusOptions().setHost(cluster.host()).setPort(cluster.busPort());
    return Vertx.builder().with(options).withClusterManager(new HazelcastClusterManager(hazelcastConfig(cluster)));
  }

  /** Starts one clustered node (tests and tools; services start through the launcher). */
  public static Future<Vertx> start(ClusterSettings cluster) {
    return builder(cluster, new VertxOptions()).buildClustered();
  }

  static Config hazelcastConfig(ClusterSettings cluster) {
    // Start from vertx-hazelcast's own defaults: they declare the maps Vert.x needs.
    Config config = ConfigUtil.loadConfig();
    config.setClusterName(cluster.name());
    config.setProperty("hazelcast.logging.type", "slf4j");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.wait.seconds.before.join", "0");
    config.setProperty("hazelcast.tcp.join.port.try.count", Integer.toString(cluster.joinPortTries()));
    // Vert.x closes Hazelcast itself, after its own shutdown; a second hook would race it.
    config.setProperty("hazelcast.shutdownhook.enabled", "false");

    NetworkConfig network = config.getNetworkConfig();
    network.setPort(cluster.port()).setPortAutoIncrement(true).setPortCount(100);
    network.getInterfaces().setEnabled(true).clear().addInterface(cluster.host());
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(cluster.members());
    return config;
  }
}
