package io.vncgate.testkit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vncgate.shared.cluster.ClusterBootstrap;
import io.vncgate.shared.cluster.ClusterSettings;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Real clustered Vert.x nodes on loopback (Hazelcast TCP/IP join on 127.0.0.1, multicast off),
 * under a cluster name of their own so parallel runs never merge.
 */
public final class TestCluster implements AutoCloseable {

  private final ClusterSettings settings = ClusterSettings.loopback("vncgate-test-" + UUID.randomUUID());
  private final List<Vertx> nodes = new ArrayList<>();

  /** Starts one more node and waits until it has joined. */
  public Vertx startNode() {
    Vertx node = ClusterBootstrap.start(settings).await();
    nodes.add(node);
    return node;
  }

  public ClusterSettings settings() {
    return settings;
  }

  @Override
  public void close() {
    Future.join(nodes.stream().map(Vertx::close).toList()).await();
    nodes.clear();
  }
}
