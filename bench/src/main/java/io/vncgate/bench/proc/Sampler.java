package io.vncgate.bench.proc;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * CPU time of every process of the run at one instant, and of the whole machine, so a
 * measurement window can say how many cores each process used and whether the machine was
 * saturated (then every ratio is partly a ratio of CPU shares).
 */
public final class Sampler {

  /** CPU ticks of each process and of the machine at {@code nanos}. */
  public record Sample(long nanos, Map<String, Long> ticks, long machineBusy) {
  }

  private final Map<String, Long> pids;
  private final Set<String> trees;
  private final double ticksPerSecond;

  /**
   * @param pids           process name → pid
   * @param trees          names whose descendants count too (websockify)
   * @param ticksPerSecond {@code getconf CLK_TCK}
   */
  public Sampler(Map<String, Long> pids, Set<String> trees, double ticksPerSecond) {
    this.pids = pids;
    this.trees = trees;
    this.ticksPerSecond = ticksPerSecond;
  }

  public Sample take() {
    Map<String, Long> ticks = new LinkedHashMap<>();
    pids.forEach((name, pid) -> ticks.put(name, trees.contains(name) ? Proc.treeCpuTicks(pid) : Proc.cpuTicks(pid)));
    return new Sample(System.nanoTime(), ticks, machineBusyTicks());
  }

  /** CPU seconds {@code name} used between two samples. */
  public double cpuSeconds(Sample from, Sample to, String name) {
    return (to.ticks().getOrDefault(name, 0L) - from.ticks().getOrDefault(name, 0L)) / ticksPerSecond;
  }

  /**
   * Cores each process used between two samples (those above 0.005), {@code machine}: all busy
   * cores, and {@code other}: what processes outside the run used (the kernel's own work, or
   * something else loading the machine, which then skews the figures).
   */
  public JsonObject cores(Sample from, Sample to) {
    double seconds = (to.nanos() - from.nanos()) / 1e9;
    JsonObject cores = new JsonObject();
    double ours = 0;
    for (String name : pids.keySet()) {
      double used = cpuSeconds(from, to, name) / seconds;
      ours += used;
      if (used >= 0.005) {
        cores.put(name, round2(used));
      }
    }
    double machine = (to.machineBusy() - from.machineBusy()) / ticksPerSecond / seconds;
    cores.put("machine", round2(machine));
    cores.put("other", round2(Math.max(0, machine - ours)));
    return cores;
  }

  private static double round2(double value) {
    return Math.round(value * 100) / 100.0;
  }

  /** All CPUs' ticks not idle and not waiting for I/O, from the first line of /proc/stat. */
  private static long machineBusyTicks() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long busy = 0;
      for (int i = 1; i < f.length && i <= 8; i++) {
        if (i != 4 && i != 5) {
          busy += Long.parseLong(f[i]);
        }
      }
      return busy;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }
}
