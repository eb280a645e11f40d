package dev.blog.bench;

import dev.blog.bench.BenchFunction.Variant;
import dev.blog.core.store.TableLayout;
import dev.blog.local.lambda.LambdaRuntime;
import dev.blog.local.lambda.LambdaRuntime.Start;
import dev.blog.local.lambda.training.TrainingHandler;
import dev.blog.local.template.FunctionDef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JVMs of one bench run, in order: an AOT cache trained per function jar; per function, two JVMs that
 * count classes (loaded at the first response; loaded by a primed JVM's first request); then rounds, each
 * starting every variant of every function once, in an order that rotates from round to round, so that drift
 * in the machine's load hits every variant alike and each round's variants pair up for ratios; last, per
 * function, one warm JVM.
 */
final class BenchRounds {
  /** Warm calls not measured: the first calls of a new environment still load and link code. */
  static final int WARMUP = 100;
  /** The item of the store probe: the user of the sample events. */
  private static final TableLayout.Key PROBE = TableLayout.user(BenchFixtures.USER_ID);
  private static final String HARNESS_MAIN = "dev.blog.bench.harness.BenchHarness";
  private static final String FLOOR_MAIN = "dev.blog.bench.harness.Hello";

  private final BenchMain.Options options;
  private final Path harnessJar;
  private final Path work;
  private final List<Variant> variants;

  BenchRounds(BenchMain.Options options, Path harnessJar, Path work) {
    this.options = options;
    this.harnessJar = harnessJar;
    this.work = work;
    this.variants = options.c1Check()
        ? List.of(Variant.FLOOR, Variant.COLD, Variant.PRIMED, Variant.AOT, Variant.PRIMED_ALT)
        : List.of(Variant.FLOOR, Variant.COLD, Variant.PRIMED, Variant.AOT);
  }

  /** How many invocations one function's JVMs make in this run: the seeded items a deleting function needs. */
  static int invocationsPerFunction(BenchMain.Options options) {
    int invokingVariants = options.c1Check() ? 4 : 3;
    int warmJvms = options.c1Check() ? 2 : 1;
    int censusJvms = 2; // countClasses: an on-demand and a primed JVM
    return options.runs() * invokingVariants + censusJvms + warmJvms * (1 + WARMUP + options.warm());
  }

  private String classpath(FunctionDef def) {
    return LambdaRuntime.classpath(List.of(def.jar(), harnessJar));
  }

  /** The runtime's flags for a function JVM, and the runtime client's JNI library. */
  private static List<String> flags(BenchFunction f, Map<String, String> env, Start start, Path aotCache) {
    List<String> flags = new ArrayList<>(LambdaRuntime.jvmFlags(f.def, env, start, aotCache));
    flags.addAll(LambdaRuntime.nativeFlags());
    return flags;
  }

  /**
   * One AOT cache per function jar, recorded by a JVM that constructs every handler of the jar (all of the
   * template's functions with that jar, as the local stack trains its caches) and runs their SnapStart priming
   * and the runtime client's serializers: no request is sent, so nothing is read or written.
   */
  void trainAotCaches(List<BenchFunction> functions, Map<Path, List<FunctionDef>> handlersByJar,
      java.util.function.Function<FunctionDef, Map<String, String>> environment) {
    Map<Path, List<BenchFunction>> byJar = new LinkedHashMap<>();
    functions.forEach(f -> byJar.computeIfAbsent(f.def.jar(), j -> new ArrayList<>()).add(f));
    for (Map.Entry<Path, List<BenchFunction>> jar : byJar.entrySet()) {
      BenchFunction first = jar.getValue().get(0);
      List<FunctionDef> handlers = handlersByJar.get(jar.getKey());
      // every handler's settings: the environments of all the jar's functions together
      Map<String, String> env = new HashMap<>();
      handlers.forEach(h -> environment.apply(h).forEach(env::putIfAbsent));
      env.put(TrainingHandler.HANDLERS, String.join(",", handlers.stream().map(FunctionDef::handler).toList()));
      Path cache = work.resolve(jar.getKey().getFileName().toString().replace(".jar", ".aot"));
      long began = System.nanoTime();
      boolean trained = false;
      try {
        Files.deleteIfExists(cache);
        List<String> flags = flags(first, env, Start.ON_DEMAND, null);
        flags.remove("-Xshare:auto"); // the training run records a cache instead
        flags.add("-XX:AOTCacheOutput=" + cache);
        BenchChild.run(flags, classpath(first.def), HARNESS_MAIN, List.of("train"), env,
            work.resolve(jar.getKey().getFileName() + ".aot.log"), "@bench trained", 900);
        trained = true;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (IllegalStateException e) {
        BenchMain.progress("%s: AOT training FAILED: %s", jar.getKey().getFileName(), e.getMessage());
      }
      if (trained && Files.isRegularFile(cache)) {
        jar.getValue().forEach(f -> f.aotCache = cache);
        BenchMain.progress("%s: AOT cache of %d handlers, %.0f MB, trained in %.0f s", jar.getKey().getFileName(),
            handlers.size(), size(cache) / 1e6, (System.nanoTime() - began) / 1e9);
      }
    }
  }

  void deleteAotCaches(List<BenchFunction> functions) {
    for (BenchFunction f : functions) {
      try {
        if (f.aotCache != null) {
          Files.deleteIfExists(f.aotCache);
        }
      } catch (IOException e) {
        // left in target/bench: harmless
      }
    }
  }

  /**
   * The classes an on-demand JVM has loaded when it answers its first request; and the classes that a primed
   * JVM's first request (its handleRequest and its answer's serialization) loads: what priming left for it
   * (the class-load log, target/bench/Fn.primed-classes.log, names them).
   */
  void countClasses(BenchFunction f) throws IOException {
    Path classLog = work.resolve(f.id() + ".classes.log");
    Files.deleteIfExists(classLog);
    List<String> flags = flags(f, f.env, Start.ON_DEMAND, null);
    flags.add("-Xlog:class+load=info:file=" + classLog);
    BenchChild.Report report = BenchChild.run(flags, classpath(f.def), HARNESS_MAIN,
        harnessArgs(f, "cold", f.indices(1), 0, 0, true), f.env, f.log, "@bench first ", 300);
    check(f, "class count run", report.status());
    f.classes = BenchChild.classesBetweenMarkers(classLog, null);

    Path primedLog = work.resolve(f.id() + ".primed-classes.log");
    Files.deleteIfExists(primedLog);
    List<String> primedFlags = flags(f, f.env, Start.SNAPSTART, null);
    primedFlags.add("-Xlog:class+load=info:file=" + primedLog);
    report = BenchChild.run(primedFlags, classpath(f.def), HARNESS_MAIN,
        harnessArgs(f, "primed", f.indices(1), 0, 0, true), f.env, f.log, "@bench first ", 300);
    check(f, "primed class count run", report.status());
    f.primedClasses = BenchChild.classesBetweenMarkers(primedLog, RESTORED_MARKER);
  }

  /** The harness class a primed census run loads right before the first handleRequest. */
  private static final String RESTORED_MARKER = "dev.blog.bench.harness.Restored";

  void round(int round, List<BenchFunction> functions) {
    for (BenchFunction f : functions) {
      for (int i = 0; i < variants.size(); i++) {
        Variant variant = variants.get((i + round) % variants.size());
        if (variant == Variant.AOT && f.aotCache == null) {
          continue;
        }
        try {
          BenchChild.Report report = start(f, variant);
          f.record(variant, round, report);
          if (variant != Variant.FLOOR) {
            check(f, variant.name().toLowerCase(java.util.Locale.ROOT) + " run " + (round + 1), report.status());
          }
        } catch (IllegalStateException e) {
          BenchMain.progress("%s: %s run %d FAILED, left out: %s", f.id(), variant, round + 1, e.getMessage());
        }
      }
      BenchChild.Report cold = f.run(Variant.COLD, round);
      BenchChild.Report primed = f.run(Variant.PRIMED, round);
      BenchChild.Report aot = f.run(Variant.AOT, round);
      BenchMain.progress("%s: round %d/%d: cold %.0f ms (first invoke %.1f ms), primed first invoke %.1f ms, aot %.0f ms",
          f.id(), round + 1, options.runs(), cold == null ? -1 : cold.coldNanos() / 1e6,
          cold == null ? -1 : cold.firstInvokeNanos() / 1e6, primed == null ? -1 : primed.firstInvokeNanos() / 1e6,
          aot == null ? -1 : aot.coldNanos() / 1e6);
    }
  }

  private BenchChild.Report start(BenchFunction f, Variant variant) {
    return switch (variant) {
      case FLOOR -> BenchChild.run(LambdaRuntime.jvmFlags(f.def, f.env, Start.ON_DEMAND, null), harnessJar.toString(),
          FLOOR_MAIN, List.of(), floorEnv(f), work.resolve("floor.log"), "hello", 60);
      case COLD -> invokeOnce(f, "cold", flags(f, f.env, Start.ON_DEMAND, null), f.env);
      case AOT -> invokeOnce(f, "cold", flags(f, f.env, Start.ON_DEMAND, f.aotCache), f.env);
      case PRIMED -> invokeOnce(f, "primed", flags(f, f.env, Start.SNAPSTART, null), f.env);
      case PRIMED_ALT -> invokeOnce(f, "primed", flags(f, f.altEnv, Start.SNAPSTART, null), f.altEnv);
    };
  }

  /** The floor runs under the function's JAVA_TOOL_OPTIONS too: the same JVM, without the function. */
  private static Map<String, String> floorEnv(BenchFunction f) {
    Map<String, String> env = new HashMap<>(Map.of("PATH", f.env.get("PATH")));
    if (f.env.containsKey("JAVA_TOOL_OPTIONS")) {
      env.put("JAVA_TOOL_OPTIONS", f.env.get("JAVA_TOOL_OPTIONS"));
    }
    return env;
  }

  private BenchChild.Report invokeOnce(BenchFunction f, String mode, List<String> flags, Map<String, String> env) {
    return BenchChild.run(flags, classpath(f.def), HARNESS_MAIN, harnessArgs(f, mode, f.indices(1), 0, 0, false), env,
        f.log, "@bench first ", 300);
  }

  /**
   * The warm JVM: restored as SnapStart restores it (the hooks ran), then warm calls, each followed by a raw
   * GetItem in the same JVM; with --c1-check, a second one with the override flipped.
   */
  void warm(BenchFunction f) {
    int calls = Math.min(options.warm(), f.scenario.maxWarmCalls());
    int warmup = Math.min(WARMUP, calls / 10);
    if (calls < options.warm()) {
      f.notes.add("warm over " + calls + " calls after " + warmup + " unmeasured (Argon2id-bound)");
    }
    f.warm = warmJvm(f, f.env, calls, warmup);
    if (options.c1Check()) {
      f.warmAlt = warmJvm(f, f.altEnv, calls, warmup);
    }
  }

  private BenchChild.Report warmJvm(BenchFunction f, Map<String, String> env, int calls, int warmup) {
    // exactly the invocations this JVM makes: an update's If-Match follows the versions they leave
    List<String> args = new ArrayList<>(harnessArgs(f, "warm", f.indices(1 + warmup + calls), warmup, calls, false));
    args.addAll(List.of(env.get("TABLE_NAME"), PROBE.pk(), PROBE.sk()));
    BenchChild.Report report = BenchChild.run(flags(f, env, Start.SNAPSTART, null), classpath(f.def),
        HARNESS_MAIN, args, env, f.log, "@bench first ", 3600);
    for (String counted : report.warmStatuses().split(",")) {
      check(f, "warm", counted.substring(0, counted.lastIndexOf('x')));
    }
    BenchMain.progress("%s: warm p50 %.0f µs, store p50 %.0f µs (%s)", f.id(),
        BenchStats.percentile(report.warmNanos(), 50) / 1e3, BenchStats.percentile(report.storeNanos(), 50) / 1e3,
        report.warmStatuses());
    return report;
  }

  private static List<String> harnessArgs(BenchFunction f, String mode, long start, int warmup, int warm, boolean census) {
    return List.of(mode, f.def.handler(), f.event.toString(), Long.toString(start), Integer.toString(warmup),
        Integer.toString(warm), BenchChild.SPAWN_MILLIS, Boolean.toString(census), Integer.toString(f.def.memoryMb()),
        Integer.toString(f.def.timeoutSeconds()), f.id());
  }

  /** A wrong answer does not stop the bench, but the table says so: its latency is not the one asked for. */
  private static void check(BenchFunction f, String what, String status) {
    if (!f.scenario.expected().contains(status)) {
      String note = what + " answered " + status + ", expected " + String.join("/", f.scenario.expected());
      f.notes.add(note);
      BenchMain.progress("%s: WARNING %s", f.id(), note);
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0;
    }
  }
}
