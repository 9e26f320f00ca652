package io.vncgate.gateway;

import io.vncgate.gateway.node.GatewayNode;
import io.vncgate.shared.launch.ServiceLauncher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code java -jar gateway-service.jar}: joins the cluster and relays noVNC sessions. SIGTERM
 * drains the node (new sessions refused with 1001, live ones given {@code VNCGATE_DRAIN_SECONDS})
 * and then exits with status 0.
 */
public final class GatewayServiceMain {

  private static final Logger LOG = LoggerFactory.getLogger(GatewayServiceMain.class);

  private GatewayServiceMain() {
  }

  public static void main(String[] args) {
    AtomicReference<GatewayNode> node = new AtomicReference<>();
    // SIGTERM would otherwise run the JVM's shutdown at once and cut every session.
    Signal.handle(new Signal("TERM"), signal -> {
      GatewayNode n = node.get();
      if (n == null || !n.drain()) {
        System.exit(0);
      }
      LOG.info("SIGTERM: draining");
    });
    // One verticle instance per core: each owns an event loop, and the HTTP server spreads
    // connections over them. They share one node (session count, limiter, meters, drain).
    ServiceLauncher.launch("gateway", args, Runtime.getRuntime().availableProcessors(), GatewayConfig::from, (config, metrics) ->
      new GatewayVerticle(config, node.updateAndGet(existing -> {
        if (existing != null) {
          return existing;
        }
        GatewayNode created = new GatewayNode(config, metrics);
        // Not on the event loop that finishes the drain: exiting runs the shutdown hooks, which
        // wait for Vert.x to close, which needs that event loop.
        created.onDrained(() -> new Thread(() -> System.exit(0), "exit-after-drain").start());
        return created;
      })));
  }
}
