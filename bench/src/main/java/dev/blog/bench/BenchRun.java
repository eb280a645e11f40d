package dev.blog.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * What a reader needs to judge one run's figures: the machine, the JDK, the load on the machine before and
 * after (the bench cannot see other processes' use of the CPUs during the run, so both ends are reported),
 * the options, what was left out, and how long it took.
 *
 * @param args the bench's arguments, as given to ./dev bench
 * @param cpus the CPUs this JVM saw before pinning itself
 * @param cpuModel /proc/cpuinfo's model name, or "unknown"
 * @param loadBefore /proc/loadavg's 1, 5 and 15 minute averages at the start, or "unknown"
 * @param loadAfter the same at the end
 * @param skipped functions of the template that the run did not measure, with why
 */
record BenchRun(List<String> args, Instant started, double seconds, int cpus, String cpuModel, String java,
    String loadBefore, String loadAfter, BenchMain.Options options, List<String> skipped) {

  /** The default number of rounds: fewer give a median of a handful of JVMs, not a result. */
  static final int DEFAULT_RUNS = 10;

  /** Whether this run is the whole bench at its defaults: every function of the template, default rounds. */
  boolean full() {
    return options.only().isEmpty() && options.runs() >= DEFAULT_RUNS;
  }

  static String javaVersion() {
    return System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.version");
  }

  static String readCpuModel() {
    try (var lines = Files.lines(Path.of("/proc/cpuinfo"))) {
      return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst().orElse("unknown");
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  static String readLoad() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return String.format(Locale.ROOT, "%s %s %s", fields[0], fields[1], fields[2]);
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
