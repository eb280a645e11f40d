package dev.blog.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.blog.bench.BenchFunction.Variant;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What the bench reports: the tables on stdout, and the same figures as JSON (--json FILE). */
final class BenchReport {
  /** A paired ratio over the rounds: its median and its spread (the smallest and largest round). */
  record Ratio(double median, double min, double max, int pairs) {
    static Ratio of(double[] ratios) {
      if (ratios.length == 0) {
        return new Ratio(Double.NaN, Double.NaN, Double.NaN, 0);
      }
      return new Ratio(BenchStats.median(ratios), BenchStats.min(ratios), BenchStats.max(ratios), ratios.length);
    }

    String text() {
      return pairs == 0 ? "-" : String.format(Locale.ROOT, "%.2f (%.2f-%.2f)", median, min, max);
    }
  }

  /** One function's figures; NaN where a figure was not measured. Times in ms, warm and store in µs. */
  record Row(String functionId, boolean http, boolean hashesPassword, double floorMs, double coldMedianMs, double coldMinMs, double coldMaxMs, Ratio xFloor,
      double initMs, double parseMs, double firstInvokeMs, double primedFirstInvokeMs, double hooksMs, Ratio primed,
      double aotColdMs, Ratio aot, double primedAltFirstInvokeMs, Ratio c1, boolean templateC1Only, double warmP50Us,
      double warmP99Us, int warmCalls, double storeP50Us, double storeP99Us, double overheadP50Us, double warmAltP50Us,
      double warmAltP99Us, int classes, int primedClasses, long artifactBytes, List<String> notes) {

    static Row of(BenchFunction f, int rounds) {
      long[] cold = f.each(Variant.COLD, BenchChild.Report::coldNanos);
      long[] primedFirst = f.each(Variant.PRIMED, BenchChild.Report::firstInvokeNanos);
      double warmP50 = f.warm == null ? Double.NaN : BenchStats.percentile(f.warm.warmNanos(), 50) / 1e3;
      double storeP50 = f.warm == null ? Double.NaN : BenchStats.percentile(f.warm.storeNanos(), 50) / 1e3;
      // C1 over no C1: the template's variant and the flipped one, whichever has the override
      Ratio c1 = f.templateIsC1Only()
          ? Ratio.of(f.paired(rounds, Variant.PRIMED, BenchChild.Report::firstInvokeNanos, Variant.PRIMED_ALT,
              BenchChild.Report::firstInvokeNanos))
          : Ratio.of(f.paired(rounds, Variant.PRIMED_ALT, BenchChild.Report::firstInvokeNanos, Variant.PRIMED,
              BenchChild.Report::firstInvokeNanos));
      return new Row(f.id(), f.http, f.scenario.hashesPassword(), millis(f.each(Variant.FLOOR, BenchChild.Report::coldNanos)), millis(cold),
          cold.length == 0 ? Double.NaN : BenchStats.min(cold) / 1e6, cold.length == 0 ? Double.NaN : BenchStats.max(cold) / 1e6,
          Ratio.of(f.paired(rounds, Variant.COLD, BenchChild.Report::coldNanos, Variant.FLOOR, BenchChild.Report::coldNanos)),
          f.ran(Variant.COLD) ? BenchStats.median(f.each(Variant.COLD, r -> Math.round(r.initMillis()))) : Double.NaN,
          millis(f.each(Variant.COLD, BenchChild.Report::parseNanos)),
          millis(f.each(Variant.COLD, BenchChild.Report::firstInvokeNanos)), millis(primedFirst),
          millis(f.each(Variant.PRIMED, BenchChild.Report::hooksNanos)),
          Ratio.of(f.paired(rounds, Variant.PRIMED, BenchChild.Report::firstInvokeNanos, Variant.COLD,
              BenchChild.Report::firstInvokeNanos)),
          millis(f.each(Variant.AOT, BenchChild.Report::coldNanos)),
          Ratio.of(f.paired(rounds, Variant.AOT, BenchChild.Report::coldNanos, Variant.COLD, BenchChild.Report::coldNanos)),
          millis(f.each(Variant.PRIMED_ALT, BenchChild.Report::firstInvokeNanos)), c1, f.templateIsC1Only(), warmP50,
          f.warm == null ? Double.NaN : BenchStats.percentile(f.warm.warmNanos(), 99) / 1e3,
          f.warm == null ? 0 : f.warm.warmNanos().length, storeP50,
          f.warm == null ? Double.NaN : BenchStats.percentile(f.warm.storeNanos(), 99) / 1e3,
          f.scenario.singleRead() ? warmP50 - storeP50 : Double.NaN,
          f.warmAlt == null ? Double.NaN : BenchStats.percentile(f.warmAlt.warmNanos(), 50) / 1e3,
          f.warmAlt == null ? Double.NaN : BenchStats.percentile(f.warmAlt.warmNanos(), 99) / 1e3,
          f.classes, f.primedClasses, size(f.def.jar()), List.copyOf(new LinkedHashSet<>(f.notes)));
    }
  }

  private BenchReport() {}

  static void printTables(List<Row> rows, List<BenchBudget.Line> budget, BenchMain.Options options, int cpus) {
    System.out.printf(Locale.ROOT, "%nJava %s (%s), %d CPUs, function JVMs %s; %d rounds, each starting every variant of "
        + "every function once (order rotating); ratios are paired per round: median (min-max).%n%n",
        System.getProperty("java.vm.version"), System.getProperty("java.vm.vendor"), cpus,
        BenchChild.taskset().isPresent() ? "on CPU 0 (taskset)" : "not pinned", options.runs());
    String head = "%-19s %6s %6s %6s %-17s %5s %6s %7s %8s %-17s %6s %-17s %6s %5s%n";
    System.out.printf(Locale.ROOT, head, "function", "floor", "cold", "init", "cold/floor", "parse", "1st", "primed",
        "hooks", "primed/1st", "aot", "aot/cold", "classes", "MB");
    for (Row r : rows) {
      System.out.printf(Locale.ROOT, head, r.functionId(), ms(r.floorMs()), ms(r.coldMedianMs()), ms(r.initMs()),
          r.xFloor().text(), ms1(r.parseMs()), ms1(r.firstInvokeMs()), ms1(r.primedFirstInvokeMs()), ms(r.hooksMs()),
          r.primed().text(), ms(r.aotColdMs()), r.aot().text(), Integer.toString(r.classes()),
          String.format(Locale.ROOT, "%.1f", r.artifactBytes() / 1e6));
    }
    System.out.printf(Locale.ROOT, "%nWarm: one JVM per function, restored as SnapStart restores it (the hooks ran), then"
        + " calls each followed by a raw GetItem in the same JVM (store); overhead = warm p50 - store p50 where the"
        + " request makes one read.%n%n");
    String warm = "%-19s %10s %10s %10s %10s %12s %6s%n";
    System.out.printf(Locale.ROOT, warm, "function", "warm p50µs", "warm p99µs", "store p50", "store p99", "overhead p50", "calls");
    for (Row r : rows) {
      System.out.printf(Locale.ROOT, warm, r.functionId(), us(r.warmP50Us()), us(r.warmP99Us()), us(r.storeP50Us()),
          us(r.storeP99Us()), us(r.overheadP50Us()), Integer.toString(r.warmCalls()));
    }
    if (options.c1Check()) {
      System.out.printf(Locale.ROOT, "%nC1-only JAVA_TOOL_OPTIONS (%s) against none, under SnapStart's flags "
          + "(template: which of the two the function's environment has):%n%n", BenchMain.C1_ONLY);
      String c1 = "%-19s %-8s %13s %13s %-17s %14s %14s%n";
      System.out.printf(Locale.ROOT, c1, "function", "template", "primed C1 ms", "primed tier", "C1/tiered", "warm p50 C1",
          "warm p50 tier");
      for (Row r : rows) {
        boolean c1Template = r.templateC1Only();
        System.out.printf(Locale.ROOT, c1, r.functionId(), c1Template ? "C1 only" : "tiered",
            ms1(c1Template ? r.primedFirstInvokeMs() : r.primedAltFirstInvokeMs()),
            ms1(c1Template ? r.primedAltFirstInvokeMs() : r.primedFirstInvokeMs()), r.c1().text(),
            us(c1Template ? r.warmP50Us() : r.warmAltP50Us()), us(c1Template ? r.warmAltP50Us() : r.warmP50Us()));
      }
    }
    System.out.printf(Locale.ROOT, "%nBudget (ratios: medians of the per-round pairs):%n%n");
    for (BenchBudget.Line line : budget) {
      System.out.printf(Locale.ROOT, "%-13s %-52s %-8s %s%n", line.verdict(), line.budget(), line.target(), line.measured());
    }
    System.out.println();
    for (Row r : rows) {
      if (!r.notes().isEmpty()) {
        System.out.println(r.functionId() + ": " + String.join("; ", r.notes()));
      }
    }
  }

  static void writeJson(Path file, List<Row> rows, List<BenchBudget.Line> budget, BenchRun run) {
    BenchMain.Options options = run.options();
    Map<String, Object> functions = new LinkedHashMap<>();
    double[] floors = rows.stream().mapToDouble(Row::floorMs).filter(d -> !Double.isNaN(d)).toArray();
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
      f.put("primed_first_invoke_classes", r.primedClasses());
      f.put("artifact_bytes", r.artifactBytes());
      f.put("primed_first_invoke_ms", round(r.primedFirstInvokeMs()));
      f.put("aot_cold_ms_median", round(r.aotColdMs()));
      f.put("store_p50_us", round(r.storeP50Us()));
      f.put("store_p99_us", round(r.storeP99Us()));
      if (!Double.isNaN(r.overheadP50Us())) {
        f.put("overhead_p50_us", round(r.overheadP50Us()));
      }
      f.put("floor_ms", round(r.floorMs()));
      f.put("first_parse_ms", round(r.parseMs()));
      f.put("hooks_ms", round(r.hooksMs()));
      f.put("cold_x_floor", ratio(r.xFloor()));
      f.put("primed_over_first_invoke", ratio(r.primed()));
      f.put("aot_over_cold", ratio(r.aot()));
      if (options.c1Check()) {
        f.put("c1_over_tiered_primed_first_invoke", ratio(r.c1()));
        f.put("template_c1_only", r.templateC1Only());
        f.put("alt_primed_first_invoke_ms", round(r.primedAltFirstInvokeMs()));
        f.put("alt_warm_p50_us", round(r.warmAltP50Us()));
        f.put("alt_warm_p99_us", round(r.warmAltP99Us()));
      }
      f.put("notes", r.notes());
      functions.put(r.functionId(), f);
    }
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("floor_ms", floors.length == 0 ? null : round(BenchStats.median(floors)));
    root.put("runs", options.runs());
    root.put("java", System.getProperty("java.vm.version"));
    root.put("jdk", run.java());
    root.put("started", run.started().toString());
    root.put("seconds", round(run.seconds()));
    root.put("args", run.args());
    root.put("full_run", run.full());
    root.put("cpus", run.cpus());
    root.put("cpu_model", run.cpuModel());
    root.put("load_before", run.loadBefore());
    root.put("load_after", run.loadAfter());
    root.put("warm_calls", options.warm());
    root.put("skipped", run.skipped());
    root.put("functions", functions);
    root.put("budget", budget.stream().map(line -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("budget", line.budget());
      m.put("target", line.target());
      m.put("measured", line.measured());
      m.put("verdict", line.verdict().name().toLowerCase(Locale.ROOT));
      return m;
    }).toList());
    try {
      if (file.toAbsolutePath().getParent() != null) {
        Files.createDirectories(file.toAbsolutePath().getParent());
      }
      new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Object> ratio(Ratio r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("median", round(r.median()));
    m.put("min", round(r.min()));
    m.put("max", round(r.max()));
    m.put("pairs", r.pairs());
    return m;
  }

  private static double millis(long[] nanos) {
    return nanos.length == 0 ? Double.NaN : BenchStats.median(nanos) / 1e6;
  }

  private static long size(Path jar) {
    try {
      return Files.size(jar);
    } catch (IOException e) {
      return 0;
    }
  }

  static String ms(double value) {
    return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.0f", value);
  }

  static String ms1(double value) {
    return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.1f", value);
  }

  static String us(double value) {
    return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.0f", value);
  }

  private static Double round(double value) {
    return Double.isNaN(value) ? null : Math.round(value * 100) / 100.0;
  }
}
