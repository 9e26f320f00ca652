package io.vncgate.bench.proc;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Linux's /proc says about a process: CPU time in clock ticks, resident and proportional
 * memory, its descendants (websockify forks a process per connection). A process that is gone
 * reads as zero.
 */
public final class Proc {

  /**
   * A heap area in {@code GC.heap_info}: one line for G1 ("garbage-first heap total …K, used
   * …K"), one per generation for the serial and parallel collectors. Metaspace lines have no
   * "total" before their "used".
   */
  private static final Pattern USED = Pattern.compile("total \\d+K, used (\\d+)K");

  private Proc() {
  }

  /** The fields after the command name in /proc/PID/stat (field 3, the state, is index 0), or {@code null}. */
  static String[] stat(long pid) {
    try {
      String line = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      return line.substring(line.lastIndexOf(')') + 2).trim().split(" ");
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** utime + stime of the process (all its threads), in clock ticks. */
  public static long cpuTicks(long pid) {
    String[] f = stat(pid);
    return f == null ? 0 : Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }

  /**
   * CPU ticks of a process tree: each process's own time plus that of its reaped children
   * (cutime, cstime), so a per-connection child that ended in between still counts.
   */
  public static long treeCpuTicks(long pid) {
    long total = 0;
    for (long p : tree(pid)) {
      String[] f = stat(p);
      if (f != null) {
        total += Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
      }
    }
    return total;
  }

  /** The process and all its descendants alive now. */
  public static List<Long> tree(long pid) {
    List<long[]> parents = new ArrayList<>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path dir : dirs) {
        long p = Long.parseLong(dir.getFileName().toString());
        String[] f = stat(p);
        if (f != null) {
          parents.add(new long[] {p, Long.parseLong(f[1])});
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot list /proc", e);
    }
    List<Long> tree = new ArrayList<>(List.of(pid));
    for (int i = 0; i < tree.size(); i++) {
      long parent = tree.get(i);
      for (long[] entry : parents) {
        if (entry[1] == parent) {
          tree.add(entry[0]);
        }
      }
    }
    return tree;
  }

  /** VmRSS in KiB. */
  public static long rssKiB(long pid) {
    return field(Path.of("/proc", Long.toString(pid), "status"), "VmRSS:");
  }

  /** Sum of Pss over the process tree, in KiB: forked children share pages, and PSS splits them fairly. */
  public static long treePssKiB(long pid) {
    long total = 0;
    for (long p : tree(pid)) {
      total += field(Path.of("/proc", Long.toString(p), "smaps_rollup"), "Pss:");
    }
    return total;
  }

  /**
   * Live heap of a JVM in KiB: a full GC ({@code jcmd PID GC.run}), then the "used" figures of
   * {@code GC.heap_info} added up over its heap areas. -1 when jcmd is not there or cannot attach.
   */
  public static long heapUsedAfterGcKiB(long pid) {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    if (!Files.isExecutable(jcmd)) {
      return -1;
    }
    if (run(jcmd.toString(), Long.toString(pid), "GC.run") == null) {
      return -1;
    }
    String info = run(jcmd.toString(), Long.toString(pid), "GC.heap_info");
    if (info == null) {
      return -1;
    }
    return heapUsedKiB(info);
  }

  /** The used KiB of every heap area in a {@code GC.heap_info} text, added up; -1 when it names none. */
  static long heapUsedKiB(String heapInfo) {
    Matcher used = USED.matcher(heapInfo);
    long total = -1;
    while (used.find()) {
      total = Math.max(total, 0) + Long.parseLong(used.group(1));
    }
    return total;
  }

  private static String run(String... command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes());
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        return null;
      }
      return output;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** A "Name:   123 kB" field, in KiB; 0 when the file or field is missing. */
  private static long field(Path file, String name) {
    try {
      for (String line : Files.readAllLines(file)) {
        if (line.startsWith(name)) {
          return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]);
        }
      }
    } catch (IOException | RuntimeException e) {
      return 0;
    }
    return 0;
  }
}
