package io.vncgate.gateway.web;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.ServerSSLOptions;
import io.vncgate.gateway.GatewayConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;

/**
 * Picks up a renewed certificate (e.g. from certbot or cert-manager) without a restart: the PEM
 * files are checked every {@code VNCGATE_TLS_RELOAD_SECONDS}, and when they change the server's
 * TLS options are swapped. New connections get the new certificate; live sessions are untouched.
 */
public final class TlsReloader {

  private static final Logger LOG = LoggerFactory.getLogger(TlsReloader.class);

  private final Vertx vertx;
  private final HttpServer server;
  private final GatewayConfig.Tls tls;
  private long stamp;
  private long timer = -1;

  public TlsReloader(Vertx vertx, HttpServer server, GatewayConfig.Tls tls) {
    this.vertx = vertx;
    this.server = server;
    this.tls = tls;
    this.stamp = stamp();
  }

  public static PemKeyCertOptions keyCert(GatewayConfig.Tls tls) {
    return new PemKeyCertOptions().setCertPath(tls.certPath().toString()).setKeyPath(tls.keyPath().toString());
  }

  public void start() {
    if (!tls.reloadInterval().isZero()) {
      timer = vertx.setPeriodic(tls.reloadInterval().toMillis(), t -> check());
    }
  }

  public void stop() {
    vertx.cancelTimer(timer);
  }

  private void check() {
    long now = stamp();
    if (now == stamp) {
      return;
    }
    stamp = now;
    // Read off the event loop: the files are small, but this is disk I/O all the same.
    vertx.executeBlocking(() -> new ServerSSLOptions().setKeyCertOptions(keyCert(tls)))
      .compose(options -> server.updateSSLOptions(options, true))
      .onSuccess(updated -> LOG.info("TLS certificate reloaded from {}", tls.certPath()))
      .onFailure(err -> LOG.error("TLS certificate reload from {} failed; the old one stays: {}", tls.certPath(), err.getMessage()));
  }

  private long stamp() {
    try {
      return Files.getLastModifiedTime(tls.certPath()).toMillis() ^ Files.getLastModifiedTime(tls.keyPath()).toMillis() * 31;
    } catch (IOException e) {
      return stamp;
    }
  }
}
