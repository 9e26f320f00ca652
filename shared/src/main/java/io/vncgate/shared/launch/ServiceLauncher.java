package io.vncgate.shared.launch;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.util.internal.PlatformDependent;
import io.vertx.core.Deployable;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.launcher.application.HookContext;
import io.vertx.launcher.application.VertxApplication;
import io.vertx.launcher.application.VertxApplicationHooks;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vncgate.shared.cluster.ClusterBootstrap;
import io.vncgate.shared.cluster.ClusterSettings;
import io.vncgate.shared.config.ConfigException;
import io.vncgate.shared.config.ConfigLoader;
import io.vncgate.shared.config.Settings;
import io.vncgate.shared.metrics.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Starts a service: reads and validates its settings, joins the cluster and deploys its main
 * verticle through {@link VertxApplication}, which also closes Vert.x (and leaves the cluster)
 * on SIGTERM. Every service starts clustered.
 *
 * @param <C> the service's config record
 */
public final class ServiceLauncher<C> implements VertxApplicationHooks {

  private static final Logger LOG = LoggerFactory.getLogger(ServiceLauncher.class);
  private static final String NETTY_REFLECTION = "io.netty.tryReflectionSetAccessible";

  private final String service;
  private final ClusterSettings cluster;
  private final int instances;
  private final boolean nativeTransport;
  private final Supplier<Deployable> verticles;
  private final PrometheusMeterRegistry metrics;

  private ServiceLauncher(String service, ClusterSettings cluster, int instances, boolean nativeTransport,
                          Supplier<Deployable> verticles, PrometheusMeterRegistry metrics) {
    this.service = service;
    this.cluster = cluster;
    this.instances = instances;
    this.nativeTransport = nativeTransport;
    this.verticles = verticles;
    this.metrics = metrics;
  }

  /**
   * Runs a service until the JVM is asked to stop. A bad setting ends the process with exit
   * code 2 and a message that names the setting.
   *
   * @param service          name used in logs ("gateway", "token", "registry")
   * @param args             command-line arguments, passed on to {@link VertxApplication}
   * @param defaultInstances verticle instances (event loops used) unless {@code VNCGATE_INSTANCES} says otherwise
   * @param parse            builds and validates the service's config from the settings
   * @param create           creates one verticle instance from the config and the process's metrics registry
   */
  public static <C> void launch(String service, String[] args, int defaultInstances,
                                Function<Settings, C> parse, BiFunction<C, PrometheusMeterRegistry, Deployable> create) {
    // Netty gives out direct buffers that are neither zeroed nor left to the GC to free (freed
    // when released) only when it may call DirectByteBuffer's private constructor: this property
    // and the jar's "Add-Opens: java.base/java.nio". Otherwise every buffer is a
    // ByteBuffer.allocateDirect: zeroed, with a Cleaner the GC must process. The relay reads each
    // chunk of a session's bytes into a fresh 64 KiB direct buffer (Netty's adaptive allocator
    // pools none that large in a heap of 512 MiB or less): 3.4 µs each that way against 0.8 µs
    // here, and perf showed the zeroing alone at 5% of the gateway's CPU while relaying. It must
    // be set before any Netty class is initialised, hence first; a -D on the command line wins.
    if (System.getProperty(NETTY_REFLECTION) == null) {
      System.setProperty(NETTY_REFLECTION, "true");
    }
    LogSetup.routeToSlf4j();
    ServiceLauncher<C> launcher;
    try {
      Settings settings = ConfigLoader.fromEnvironment();
      ClusterSettings cluster = ClusterSettings.from(settings);
      int instances = settings.integer("INSTANCES", defaultInstances, 1, 256);
      boolean nativeTransport = settings.bool("NATIVE_TRANSPORT", false);
      C config = parse.apply(settings);
      PrometheusMeterRegistry metrics = Metrics.newRegistry(service);
      launcher = new ServiceLauncher<>(service, cluster, instances, nativeTransport, () -> create.apply(config, metrics), metrics);
    } catch (ConfigException e) {
      LOG.error("{} service cannot start: {}", service, e.getMessage());
      System.exit(2);
      return;
    }
    String[] clusteredArgs = new String[args.length + 1];
    clusteredArgs[0] = "-cluster";
    System.arraycopy(args, 0, clusteredArgs, 1, args.length);
    new VertxApplication(clusteredArgs, launcher).launch();
  }

  @Override
  public VertxBuilder createVertxBuilder(VertxOptions options) {
    LOG.info("{} service joining cluster '{}' as {} (members {})", service, cluster.name(), cluster.host(), cluster.members());
    // Vert.x's own meters (HTTP, TCP, event bus requests and failures) land in the same registry.
    options.setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true));
    return ClusterBootstrap.builder(cluster, eventLoops(options, instances, nativeTransport))
      .withMetrics(new MicrometerMetricsFactory(metrics));
  }

  /**
   * The event-loop side of a service's Vert.x options.
   *
   * <p>Exactly one event loop per verticle instance, instead of Vert.x's default of two per core.
   * The clustered event bus gives its server and each connection to another node a context of its
   * own, which Vert.x places on the next event loop in turn; with spare loops that is often a loop
   * no verticle runs on, and then every bus message a verticle sends or receives through it
   * crosses to another thread and wakes it (a gateway session's token check and desktop lookup
   * are two round trips: up to four such hand-overs in the gateway and two in each service that
   * answers). With no spare loops the bus's connections share the verticles' threads: for the
   * single-instance token and registry services every hand-over is gone, for the gateway about
   * half of them. Measured in the bench's
   * set-up scenario, four turns of each taking turns (bench/ANALYSIS.md): a few percent more
   * sessions a second and a lower p99.
   *
   * <p>epoll only when asked for (VNCGATE_NATIVE_TRANSPORT=true; the library ships for Linux x86-64
   * and arm64). Off by default: measured back to back here, epoll relays and sets up sessions no
   * faster than NIO and uses a little more CPU per GB (docs/performance.md).
   */
  static VertxOptions eventLoops(VertxOptions options, int instances, boolean nativeTransport) {
    return options.setEventLoopPoolSize(instances).setPreferNativeTransport(nativeTransport);
  }

  @Override
  public Supplier<? extends Deployable> verticleSupplier() {
    return verticles;
  }

  @Override
  public void beforeDeployingVerticle(HookContext context) {
    context.deploymentOptions().setInstances(instances);
  }

  @Override
  public void afterVerticleDeployed(HookContext context) {
    LOG.info("{} service started ({} instance(s), {} transport, {})", service, instances,
      context.vertx().isNativeTransportEnabled() ? "epoll" : "NIO",
      PlatformDependent.useDirectBufferNoCleaner() ? "direct buffers freed on release"
        : "direct buffers zeroed and freed by the GC: run the jar with java -jar, or add --add-opens java.base/java.nio=ALL-UNNAMED");
  }

  @Override
  public void afterFailureToDeployVerticle(HookContext context, Throwable t) {
    LOG.error("{} service failed to start: {}", service, t == null ? "timed out" : t.getMessage());
  }

  @Override
  public void afterVertxStopped(HookContext context) {
    LOG.info("{} service stopped", service);
  }
}
