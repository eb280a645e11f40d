package dev.blog.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What the bench reports: the table on stdout, and the same figures as JSON (--json FILE). */
final class BenchReport {
  /** One row of the table; the warm figures are null for a function that was not run. */
  record Row(String functionId, double coldMedianMs, double coldMinMs, double coldMaxMs, double initMs,
      double firstInvokeMs, double warmP50Us, double warmP99Us, int warmCalls, int classes, long artifactBytes,
      List<String> notes) {}

  private BenchReport() {}

  static void printTable(long[] floorRuns, List<Row> rows, int cpus, int runs, int warm, int warmup) {
    double floor = BenchStats.median(floorRuns) / 1e6;
    String header = "%-20s %8s %7s %7s %7s %8s %9s %10s %10s %8s %7s%n";
    String line = "%-20s %8.0f %7.0f %7.0f %7s %8s %9s %10s %10s %8s %7s%n";
    System.out.printf(Locale.ROOT, "%nJava %s (%s), %d CPUs, function JVMs %s; %d cold starts per function; "
        + "warm: %d calls in one JVM after %d unmeasured, unless a note says fewer.%n%n", System.getProperty("java.vm.version"),
        System.getProperty("java.vm.vendor"), cpus,
        BenchChild.taskset().isPresent() ? "on CPU 0 (taskset)" : "not pinned", runs, warm, warmup);
    System.out.printf(Locale.ROOT, header, "function", "cold ms", "min", "max", "x floor", "init ms", "1st inv ms",
        "warm p50µs", "warm p99µs", "classes", "jar MB");
    System.out.printf(Locale.ROOT, line, "floor (hello world)", floor, BenchStats.min(floorRuns) / 1e6,
        BenchStats.max(floorRuns) / 1e6, "1.0", "", "", "", "", "", "");
    for (Row r : rows) {
      System.out.printf(Locale.ROOT, line, r.functionId(), r.coldMedianMs(), r.coldMinMs(), r.coldMaxMs(),
          String.format(Locale.ROOT, "%.1f", r.coldMedianMs() / floor), String.format(Locale.ROOT, "%.0f", r.initMs()),
          String.format(Locale.ROOT, "%.1f", r.firstInvokeMs()), String.format(Locale.ROOT, "%.0f", r.warmP50Us()),
          String.format(Locale.ROOT, "%.0f", r.warmP99Us()), Integer.toString(r.classes()),
          String.format(Locale.ROOT, "%.1f", r.artifactBytes() / 1e6));
    }
    System.out.println();
    for (Row r : rows) {
      if (!r.notes().isEmpty()) {
        System.out.println(r.functionId() + ": " + String.join("; ", r.notes()));
      }
    }
  }

  static void writeJson(Path file, double floor, List<Row> rows) {
    Map<String, Object> functions = new LinkedHashMap<>();
    for (Row r : rows) {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("cold_ms_median", round(r.coldMedianMs()));
      f.put("cold_ms_min", round(r.coldMinMs()));
      f.put("cold_ms_max", round(r.coldMaxMs()));
      f.put("init_ms", round(r.initMs()));
      f.put("first_invoke_ms", round(r.firstInvokeMs()));
      f.put("warm_p50_us", round(r.warmP50Us()));
      f.put("warm_p99_us", round(r.warmP99Us()));
      f.put("warm_calls", r.warmCalls());
      f.put("classes", r.classes());
      f.put("artifact_bytes", r.artifactBytes());
      f.put("notes", r.notes());
      functions.put(r.functionId(), f);
    }
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("floor_ms", round(floor));
    root.put("functions", functions);
    try {
      if (file.toAbsolutePath().getParent() != null) {
        Files.createDirectories(file.toAbsolutePath().getParent());
      }
      new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }
}
