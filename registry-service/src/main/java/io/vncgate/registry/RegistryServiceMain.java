package io.vncgate.registry;

import io.vncgate.shared.launch.ServiceLauncher;

/** {@code java -jar registry-service.jar}: joins the cluster and serves the host registry. */
public final class RegistryServiceMain {

  private RegistryServiceMain() {
  }

  public static void main(String[] args) {
    ServiceLauncher.launch("registry", args, 1, RegistryConfig::from, RegistryVerticle::new);
  }
}
