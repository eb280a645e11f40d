package dev.blog.bench;

import dev.blog.local.template.FunctionDef;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One function under the bench: how its JVMs are started, and what each of them reported, by variant and
 * round (a variant's JVM that failed leaves its round empty, and every ratio of that round out).
 */
final class BenchFunction {
  /** Each kind of JVM the rounds start, one per round, in an order that rotates from round to round. */
  enum Variant {
    /** A hello-world main under the function's on-demand flags: what any JVM costs to start. */
    FLOOR,
    /** An on-demand cold start: the function's JVM as Lambda starts it without SnapStart. */
    COLD,
    /** SnapStart's stand-in: the hooks run after init, then the first request (the template's flags). */
    PRIMED,
    /** {@link #COLD} with the AOT cache of the function's jar. */
    AOT,
    /** {@link #PRIMED} with the C1-only JAVA_TOOL_OPTIONS override flipped (--c1-check). */
    PRIMED_ALT
  }

  final FunctionDef def;
  final Map<String, String> env;
  /** {@link #env} with the C1-only override flipped: added if the template has none, removed if it has it. */
  final Map<String, String> altEnv;
  final BenchScenario scenario;
  /** Whether an HttpApi route invokes the function (the authorizer and the jobs are not HTTP functions). */
  final boolean http;
  final Path event;
  final Path log;
  final List<String> notes = new ArrayList<>();
  private final Map<Variant, Map<Integer, BenchChild.Report>> runs = new EnumMap<>(Variant.class);
  private long nextIndex;
  Path aotCache;
  int classes;
  int primedClasses;
  BenchChild.Report warm;
  BenchChild.Report warmAlt;

  BenchFunction(FunctionDef def, Map<String, String> env, BenchScenario scenario, boolean http, Path event, Path log) {
    this.def = def;
    this.http = http;
    this.env = Map.copyOf(env);
    this.altEnv = flipC1(env);
    this.scenario = scenario;
    this.event = event;
    this.log = log;
    if (!scenario.note().isEmpty()) {
      notes.add(scenario.note());
    }
  }

  String id() {
    return def.logicalId();
  }

  /** Whether the template's JAVA_TOOL_OPTIONS hold the C1-only override. */
  boolean templateIsC1Only() {
    return env.getOrDefault("JAVA_TOOL_OPTIONS", "").contains("TieredStopAtLevel=1");
  }

  /** The first invocation index of a JVM that will invoke {@code invocations} times (unique per function). */
  long indices(int invocations) {
    long first = nextIndex;
    nextIndex += invocations;
    return first;
  }

  void record(Variant variant, int round, BenchChild.Report report) {
    runs.computeIfAbsent(variant, v -> new HashMap<>()).put(round, report);
  }

  BenchChild.Report run(Variant variant, int round) {
    return runs.getOrDefault(variant, Map.of()).get(round);
  }

  /** Whether any round of {@code variant} ran. */
  boolean ran(Variant variant) {
    return !runs.getOrDefault(variant, Map.of()).isEmpty();
  }

  /** One figure of every round in which {@code variant} ran. */
  long[] each(Variant variant, java.util.function.ToLongFunction<BenchChild.Report> figure) {
    return runs.getOrDefault(variant, Map.of()).values().stream().mapToLong(figure).toArray();
  }

  /** {@code top / bottom} of the same round, for every round in which both ran. */
  double[] paired(int rounds, Variant top, java.util.function.ToLongFunction<BenchChild.Report> topFigure,
      Variant bottom, java.util.function.ToLongFunction<BenchChild.Report> bottomFigure) {
    List<Double> ratios = new ArrayList<>();
    for (int r = 0; r < rounds; r++) {
      BenchChild.Report a = run(top, r);
      BenchChild.Report b = run(bottom, r);
      if (a != null && b != null && bottomFigure.applyAsLong(b) > 0) {
        ratios.add((double) topFigure.applyAsLong(a) / bottomFigure.applyAsLong(b));
      }
    }
    return ratios.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static Map<String, String> flipC1(Map<String, String> env) {
    Map<String, String> flipped = new HashMap<>(env);
    if (env.getOrDefault("JAVA_TOOL_OPTIONS", "").contains("TieredStopAtLevel=1")) {
      flipped.remove("JAVA_TOOL_OPTIONS");
    } else {
      flipped.put("JAVA_TOOL_OPTIONS", BenchMain.C1_ONLY);
    }
    return Map.copyOf(flipped);
  }
}
