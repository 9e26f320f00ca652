package io.vncgate.token;

import io.vncgate.shared.launch.ServiceLauncher;
import io.vncgate.token.keys.KeyFiles;
import io.vncgate.token.keys.KeyGen;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code java -jar token-service.jar}: joins the cluster and serves token issue, revoke and
 * verify. {@code java -jar token-service.jar keygen <dir> <kid> [ES256|RS256|HS256]} writes a new
 * signing key instead.
 */
public final class TokenServiceMain {

  private TokenServiceMain() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && "keygen".equals(args[0])) {
      Logger log = LoggerFactory.getLogger("vncgate.keygen");
      if (args.length < 3) {
        log.error("usage: java -jar token-service.jar keygen <dir> <kid> [ES256|RS256|HS256]");
        System.exit(2);
      }
      if (!KeyFiles.KID.matcher(args[2]).matches()) {
        log.error("keygen: the kid must be 1-64 of A-Z a-z 0-9 . _ -, not '{}'", args[2]);
        System.exit(2);
      }
      try {
        log.info("wrote {}", KeyGen.generate(Path.of(args[1]), args[2], args.length > 3 ? args[3] : "ES256"));
      } catch (IllegalArgumentException | IOException e) {
        log.error("keygen: {}", e.getMessage());
        System.exit(2);
      }
      return;
    }
    ServiceLauncher.launch("token", args, 1, TokenConfig::from, TokenVerticle::new);
  }
}
