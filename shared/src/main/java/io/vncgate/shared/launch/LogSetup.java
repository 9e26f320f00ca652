package io.vncgate.shared.launch;

/** Sends Vert.x's and Hazelcast's own logging through SLF4J (and so Logback). */
public final class LogSetup {

  private LogSetup() {
  }

  /** Must run before the first Vert.x or Hazelcast class creates a logger. */
  public static void routeToSlf4j() {
    System.setProperty("vertx.logger-delegate-factory-class-name", "io.vertx.core.logging.SLF4JLogDelegateFactory");
    System.setProperty("hazelcast.logging.type", "slf4j");
  }
}
