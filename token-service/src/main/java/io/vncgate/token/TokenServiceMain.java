package io.vncgate.token;

import io.vncgate.shared.launch.ServiceLauncher;

/** {@code java -jar token-service.jar}: joins the cluster and serves token issue and verify. */
public final class TokenServiceMain {

  private TokenServiceMain() {
  }

  public static void main(String[] args) {
    ServiceLauncher.launch("token", args, 1, TokenConfig::from, TokenVerticle::new);
  }
}
