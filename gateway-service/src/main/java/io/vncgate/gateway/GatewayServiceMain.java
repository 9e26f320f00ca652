package io.vncgate.gateway;

import io.vncgate.shared.launch.ServiceLauncher;

/** {@code java -jar gateway-service.jar}: joins the cluster and relays noVNC sessions. */
public final class GatewayServiceMain {

  private GatewayServiceMain() {
  }

  public static void main(String[] args) {
    // One verticle instance per core: each owns an event loop, and the HTTP server spreads
    // connections over them.
    ServiceLauncher.launch("gateway", args, Runtime.getRuntime().availableProcessors(), GatewayConfig::from, GatewayVerticle::new);
  }
}
