package dev.blog.bench;

import dev.blog.local.template.FunctionDef;
import dev.blog.local.template.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code ./dev bench [--runs N] [--json FILE] [--warm N] [--only Fn,Fn]}: the cold-start benchmark of every
 * function in template.yaml. Each function gets N fresh JVMs (its deployable jar plus a dependency-free
 * harness, Lambda's JVM flags, one CPU, its template environment) against DynamoDB Local and the Secrets
 * Manager stand-in in this JVM, then one more JVM that counts the classes loaded at the first response and
 * calls the handler in a loop for warm latencies. The floor is a hello-world main under the same flags.
 * The table goes to stdout, progress to stderr.
 */
public final class BenchMain {
  /** The harness classes a child needs; copied out of this module so the child sees nothing else of it. */
  private static final List<String> HARNESS_CLASSES = List.of("BenchHarness", "BenchHarness$Events", "BenchContext",
      "BenchLogger", "FirstResponse", "Hello");
  private static final String HARNESS_MAIN = "dev.blog.bench.harness.BenchHarness";
  private static final String FLOOR_MAIN = "dev.blog.bench.harness.Hello";
  /** Warm calls not measured: the first calls of a new environment still load and link code. */
  private static final int WARMUP = 100;
  /** Read before this JVM pins itself to one CPU, after which the JDK sees only that one. */
  private static final int CPUS = Runtime.getRuntime().availableProcessors();

  record Options(int runs, int warm, Optional<Path> json, Set<String> only) {
    static Options parse(String[] args) {
      int runs = 5;
      int warm = 1000;
      Path json = null;
      Set<String> only = Set.of();
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--runs" -> runs = positive(args, ++i);
          case "--warm" -> warm = positive(args, ++i);
          case "--json" -> json = Path.of(value(args, ++i));
          case "--only" -> only = Set.of(value(args, ++i).split(","));
          default -> throw new IllegalArgumentException("usage: ./dev bench [--runs N] [--json FILE] [--warm N] [--only Fn,Fn]"
              + " (unknown argument " + args[i] + ")");
        }
      }
      return new Options(runs, warm, Optional.ofNullable(json), only);
    }

    private static String value(String[] args, int i) {
      if (i >= args.length) {
        throw new IllegalArgumentException(args[i - 1] + " needs a value");
      }
      return args[i];
    }

    private static int positive(String[] args, int i) {
      int n = Integer.parseInt(value(args, i));
      if (n < 1) {
        throw new IllegalArgumentException(args[i - 1] + " must be at least 1");
      }
      return n;
    }
  }

  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("dev: " + e.getMessage());
      System.exit(2);
      return;
    }
    long began = System.nanoTime();
    Template template = Template.load(Template.findProjectDir());
    Path work = Files.createDirectories(template.projectDir().resolve("target").resolve("bench"));
    Path harness = extractHarness(Files.createTempDirectory("blog-bench-harness"));
    keepOffTheFunctionsCpu();

    long[] floorRuns = floorRuns(options, harness, template, work);
    double floor = BenchStats.median(floorRuns) / 1e6;
    List<BenchReport.Row> rows = new ArrayList<>();
    try (BenchFixtures fixtures = BenchFixtures.start(template)) {
      List<String> ids = template.functionIds().stream()
          .filter(id -> options.only().isEmpty() || options.only().contains(id)).toList();
      if (ids.isEmpty()) {
        throw new IllegalArgumentException("No function of template.yaml matches --only " + options.only());
      }
      FunctionDef any = template.function(ids.get(0));
      String table = fixtures.environment(any).get("TABLE_NAME");
      fixtures.seedUsers(table, any.jar(), options.runs() + 1 + WARMUP + options.warm());
      fixtures.seedPosts(table, options.runs() + 1 + WARMUP + options.warm());
      long[] store = fixtures.getItemNanos(table, options.warm());
      progress("DynamoDB Local GetItem from the bench JVM: p50 %.0f µs, p99 %.0f µs", BenchStats.percentile(store, 50) / 1e3,
          BenchStats.percentile(store, 99) / 1e3);
      Map<Path, Path> snapshots = new LinkedHashMap<>();
      for (String id : ids) {
        // A copy of the jar: a build running beside the bench must not swap it between two JVMs.
        FunctionDef declared = template.function(id);
        FunctionDef def = declared.withJar(snapshots.computeIfAbsent(declared.jar(), original -> snapshot(original, work)));
        Map<String, String> env = fixtures.environment(def);
        Optional<BenchScenario> scenario = BenchScenario.of(id, template.projectDir(), fixtures, env);
        if (scenario.isEmpty()) {
          progress("%s: skipped, no sample event for it in events/", id);
          continue;
        }
        try {
          rows.add(benchFunction(def, env, scenario.get(), options, harness, work));
        } catch (IllegalStateException e) {
          progress("%s: FAILED, left out of the table: %s", id, e.getMessage());
        }
      }
    }
    BenchReport.printTable(floorRuns, rows, CPUS, options.runs(), options.warm(), Math.min(WARMUP, options.warm() / 10));
    if (options.json().isPresent()) {
      BenchReport.writeJson(options.json().get(), floor, rows);
      progress("wrote %s", options.json().get());
    }
    progress("done in %.0f s", (System.nanoTime() - began) / 1e9);
    System.exit(0); // DynamoDB Local leaves non-daemon threads
  }

  private static long[] floorRuns(Options options, Path harness, Template template, Path work) {
    Map<String, String> env = Map.of("PATH", "/usr/local/bin:/usr/bin:/bin",
        "JAVA_TOOL_OPTIONS", javaToolOptions(template));
    long[] cold = new long[options.runs()];
    for (int i = 0; i < cold.length; i++) {
      cold[i] = BenchChild.run(BenchChild.LAMBDA_FLAGS, harness.toString(), FLOOR_MAIN, List.of(), env,
          work.resolve("floor.log"), "hello", 60).coldNanos();
      progress("floor: run %d/%d %.0f ms", i + 1, cold.length, cold[i] / 1e6);
    }
    return cold;
  }

  /** The Globals' JAVA_TOOL_OPTIONS, which every function gets (the floor must run under the same flags). */
  private static String javaToolOptions(Template template) {
    for (String id : template.functionIds()) {
      Object value = template.function(id).environment().get("JAVA_TOOL_OPTIONS");
      if (value instanceof String s) {
        return s;
      }
    }
    return "";
  }

  private static BenchReport.Row benchFunction(FunctionDef def, Map<String, String> env, BenchScenario scenario,
      Options options, Path harness, Path work) throws IOException {
    String id = def.logicalId();
    Path event = Files.writeString(work.resolve(id + ".event.json"), scenario.eventJson());
    Path log = work.resolve(id + ".log");
    Files.deleteIfExists(log);
    String classpath = def.jar() + java.io.File.pathSeparator + harness;
    List<String> notes = new ArrayList<>();
    if (!scenario.note().isEmpty()) {
      notes.add(scenario.note());
    }
    // Every invocation gets its own index, across all this function's JVMs (see BenchScenario).
    long index = 0;
    long[] cold = new long[options.runs()];
    double[] init = new double[options.runs()];
    long[] firstInvoke = new long[options.runs()];
    for (int r = 0; r < options.runs(); r++) {
      BenchChild.Report report = BenchChild.run(BenchChild.LAMBDA_FLAGS, classpath, HARNESS_MAIN,
          harnessArgs(def, event, index, 0, 0, false), env, log, "@bench first ", 120);
      index++;
      cold[r] = report.coldNanos();
      init[r] = report.initMillis();
      firstInvoke[r] = report.firstInvokeNanos();
      checkStatus("cold run " + (r + 1), report.status(), scenario, notes);
      progress("%s: cold %d/%d %.0f ms (init %.0f ms, first invoke %.1f ms, %s)", id, r + 1, cold.length,
          cold[r] / 1e6, init[r], firstInvoke[r] / 1e6, report.status());
    }

    int warmCalls = Math.min(options.warm(), scenario.maxWarmCalls());
    int warmup = Math.min(WARMUP, warmCalls / 10);
    if (warmCalls < options.warm()) {
      notes.add("warm over " + warmCalls + " calls after " + warmup + " unmeasured (Argon2id-bound)");
    }
    progress("%s: counting classes, then %d warm calls after %d unmeasured ones...", id, warmCalls, warmup);
    Path classLog = work.resolve(id + ".classes.log");
    Files.deleteIfExists(classLog);
    List<String> flags = new ArrayList<>(BenchChild.LAMBDA_FLAGS);
    flags.add("-Xlog:class+load=info:file=" + classLog);
    BenchChild.Report warm = BenchChild.run(flags, classpath, HARNESS_MAIN,
        harnessArgs(def, event, index, warmup, warmCalls, true), env, log, "@bench first ", 1800);
    int classes = BenchChild.classesBeforeMarker(classLog);
    for (String counted : warm.warmStatuses().split(",")) {
      checkStatus("warm", counted.substring(0, counted.lastIndexOf('x')), scenario, notes);
    }
    long[] warmNanos = warm.warmNanos();
    BenchReport.Row row = new BenchReport.Row(id, BenchStats.median(cold) / 1e6, BenchStats.min(cold) / 1e6, BenchStats.max(cold) / 1e6,
        median(init), BenchStats.median(firstInvoke) / 1e6, BenchStats.percentile(warmNanos, 50) / 1e3,
        BenchStats.percentile(warmNanos, 99) / 1e3, warmNanos.length, classes, Files.size(def.jar()), List.copyOf(notes));
    progress("%s: warm p50 %.0f µs, p99 %.0f µs (%s), %d classes at first response", id, row.warmP50Us(),
        row.warmP99Us(), warm.warmStatuses(), classes);
    return row;
  }

  private static double median(double[] values) {
    long[] micros = new long[values.length];
    for (int i = 0; i < values.length; i++) {
      micros[i] = Math.round(values[i] * 1000);
    }
    return BenchStats.median(micros) / 1000;
  }

  private static List<String> harnessArgs(FunctionDef def, Path event, long start, int warmup, int warm,
      boolean census) {
    return List.of(def.handler(), event.toString(), Long.toString(start), Integer.toString(warmup),
        Integer.toString(warm), BenchChild.SPAWN_MILLIS, Boolean.toString(census), Integer.toString(def.memoryMb()),
        Integer.toString(def.timeoutSeconds()), def.logicalId());
  }

  /** A wrong answer does not stop the bench, but the table says so: its latency is not the one asked for. */
  private static void checkStatus(String what, String status, BenchScenario scenario, List<String> notes) {
    if (!scenario.expected().contains(status)) {
      String note = what + " answered " + status + ", expected " + String.join("/", scenario.expected());
      notes.add(note);
      progress("%s: WARNING %s", scenario.functionId(), note);
    }
  }

  /**
   * Pins this JVM (DynamoDB Local, the Secrets Manager stand-in) to CPU 1 so that the function on CPU 0
   * competes with nothing of the bench's own. Best effort: skipped on one CPU or without taskset.
   */
  private static void keepOffTheFunctionsCpu() {
    Optional<Path> taskset = BenchChild.taskset();
    if (taskset.isEmpty() || CPUS < 2) {
      progress("not pinning: %s", taskset.isEmpty() ? "no taskset" : "one CPU only");
      return;
    }
    try {
      Process p = new ProcessBuilder(taskset.get().toString(), "-a", "-p", "-c", "1",
          Long.toString(ProcessHandle.current().pid())).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      p.waitFor();
    } catch (IOException e) {
      progress("could not pin the bench to CPU 1: %s", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Path extractHarness(Path dir) throws IOException {
    Path pkg = Files.createDirectories(dir.resolve("dev/blog/bench/harness"));
    for (String name : HARNESS_CLASSES) {
      try (InputStream in = BenchMain.class.getResourceAsStream("harness/" + name + ".class")) {
        if (in == null) {
          throw new IllegalStateException("Harness class " + name + " is missing from the bench module's classes");
        }
        Files.copy(in, pkg.resolve(name + ".class"));
      }
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
    return dir;
  }

  private static Path snapshot(Path jar, Path work) {
    try {
      return Files.copy(jar, work.resolve(jar.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot copy " + jar + " (run ./dev build)", e);
    }
  }

  private static void deleteTree(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temp dir left behind is harmless
    }
  }

  static void progress(String format, Object... args) {
    System.err.println("bench: " + String.format(Locale.ROOT, format, args));
  }
}
