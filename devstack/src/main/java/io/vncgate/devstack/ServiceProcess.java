package io.vncgate.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One service jar running as a child process, its output in a log file. */
final class ServiceProcess {

  final String name;
  final int port;
  final Path log;
  private final Process process;

  private ServiceProcess(String name, int port, Path log, Process process) {
    this.name = name;
    this.port = port;
    this.log = log;
    this.process = process;
  }

  /** {@code java -jar <jar>} with the given VNCGATE_* settings added to this process's environment. */
  static ServiceProcess start(String name, Path jar, int port, Map<String, String> env, Path logDir) throws IOException {
    if (!Files.isRegularFile(jar)) {
      throw new IOException(jar + " is missing: build first with `mvn -B -q package -DskipTests`");
    }
    Path log = logDir.resolve(name + ".log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(List.of(java, "-Xms32m", "-Xmx256m", "-jar", jar.toString()))
      .redirectErrorStream(true)
      .redirectOutput(log.toFile());
    builder.environment().putAll(env);
    builder.environment().put("VNCGATE_HTTP_PORT", Integer.toString(port));
    return new ServiceProcess(name, port, log, builder.start());
  }

  boolean alive() {
    return process.isAlive();
  }

  /** SIGTERM, so the service leaves the cluster cleanly; SIGKILL if it does not stop in time. */
  void stop() {
    process.destroy();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
