package dev.blog.bench;

import dev.blog.local.lambda.training.RuntimeClient;
import dev.blog.local.lambda.training.TrainingHandler;
import dev.blog.local.template.FunctionDef;
import dev.blog.local.template.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * {@code ./dev bench [--runs N] [--json FILE] [--markdown FILE] [--warm N] [--only Fn,Fn] [--c1-check]}: the
 * cold-start benchmark
 * of every function in template.yaml. Every JVM is the function's deployable jar plus the runtime interface
 * client and a dependency-free harness, under the java25 runtime's flags, on one CPU, with its template
 * environment, against moto server (DynamoDB, Secrets Manager; a child process of this JVM, on the other CPU). See
 * {@link BenchRounds} for the order of the JVMs and BENCHMARKS.md for what each figure is. The tables go to
 * stdout, progress to stderr; with --json FILE the figures go to FILE and the Markdown of BENCHMARKS.md
 * ({@link BenchMarkdown}) beside it (FILE with .md); --markdown FILE writes that Markdown into FILE too, in
 * place of the block it holds (BENCHMARKS.md).
 */
public final class BenchMain {
  /** The C1-only JIT setting that the template may give a function as JAVA_TOOL_OPTIONS. */
  static final String C1_ONLY = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1";
  /** The harness classes a child needs, packed into a jar (an AOT cache accepts no directory on the class path). */
  private static final List<Class<?>> HARNESS_CLASSES = List.of(dev.blog.bench.harness.BenchHarness.class,
      dev.blog.bench.harness.BenchContext.class, dev.blog.bench.harness.BenchLogger.class,
      dev.blog.bench.harness.FirstResponse.class, dev.blog.bench.harness.Hello.class,
      dev.blog.bench.harness.Restored.class,
      // the runtime client's ways, shared with the local stack's AOT training
      RuntimeClient.class, TrainingHandler.class);
  /** Harness classes that are package-private, by name. */
  private static final List<String> PRIVATE_HARNESS_CLASSES = List.of("Serializers", "Hooks", "StoreProbe");
  /** Read before this JVM pins itself to one CPU, after which the JDK sees only that one. */
  private static final int CPUS = Runtime.getRuntime().availableProcessors();

  record Options(int runs, int warm, Optional<Path> json, Optional<Path> markdown, Set<String> only, boolean c1Check) {
    static Options parse(String[] args) {
      int runs = BenchRun.DEFAULT_RUNS;
      int warm = 1000;
      Path json = null;
      Path markdown = null;
      Set<String> only = Set.of();
      boolean c1Check = false;
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--runs" -> runs = positive(args, ++i);
          case "--warm" -> warm = positive(args, ++i);
          case "--json" -> json = Path.of(value(args, ++i));
          case "--markdown" -> markdown = Path.of(value(args, ++i));
          case "--only" -> only = Set.of(value(args, ++i).split(","));
          case "--c1-check" -> c1Check = true;
          default -> throw new IllegalArgumentException("usage: ./dev bench [--runs N] [--json FILE] [--markdown FILE] [--warm N]"
              + " [--only Fn,Fn] [--c1-check] (unknown argument " + args[i] + ")");
        }
      }
      return new Options(runs, warm, Optional.ofNullable(json), Optional.ofNullable(markdown), only, c1Check);
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
    if (options.markdown().isPresent()) {
      BenchMarkdown.checkWritable(options.markdown().get()); // before the run, not after it
    }
    long began = System.nanoTime();
    java.time.Instant started = java.time.Instant.now();
    String loadBefore = BenchRun.readLoad();
    List<String> skipped = new ArrayList<>();
    List<String> unmeasuredHttp = new ArrayList<>();
    Template template = Template.load(Template.findProjectDir());
    Path work = Files.createDirectories(template.projectDir().resolve("target").resolve("bench"));
    Path harness = harnessJar(Files.createTempDirectory("blog-bench-harness"));
    keepOffTheFunctionsCpu();

    List<BenchFunction> functions = new ArrayList<>();
    BenchRounds rounds = new BenchRounds(options, harness, work);
    try (BenchFixtures fixtures = BenchFixtures.start(template)) {
      List<String> ids = template.functionIds().stream()
          .filter(id -> options.only().isEmpty() || options.only().contains(id)).toList();
      if (ids.isEmpty()) {
        throw new IllegalArgumentException("No function of template.yaml matches --only " + options.only());
      }
      FunctionDef any = template.function(ids.get(0));
      String table = fixtures.environment(any).get("TABLE_NAME");
      int invocations = BenchRounds.invocationsPerFunction(options);
      fixtures.seedUsers(table, any.jar(), invocations);
      fixtures.seedPosts(table, invocations);

      Map<Path, Path> snapshots = new LinkedHashMap<>();
      Map<Path, List<FunctionDef>> handlersByJar = new LinkedHashMap<>();
      for (String id : template.functionIds()) {
        FunctionDef declared = template.function(id);
        // A copy of the jar: a build running beside the bench must not swap it between two JVMs.
        Path snapshot = snapshots.computeIfAbsent(declared.jar(), original -> snapshot(original, work));
        handlersByJar.computeIfAbsent(snapshot, j -> new ArrayList<>()).add(declared.withJar(snapshot));
        if (!ids.contains(id)) {
          continue;
        }
        FunctionDef def = declared.withJar(snapshot);
        Map<String, String> env = fixtures.environment(def);
        Optional<BenchScenario> scenario = BenchScenario.of(id, template.projectDir(), fixtures, env);
        if (scenario.isEmpty()) {
          progress("%s: skipped, the bench has no scenario for it (BenchScenario)", id);
          skipped.add(id + ": not measured, the bench has no scenario for it (BenchScenario)");
          if (template.routes().stream().anyMatch(route -> route.functionId().equals(id))
              && !BenchScenario.hashesPassword(id)) {
            unmeasuredHttp.add(id);
          }
          continue;
        }
        Path event = Files.writeString(work.resolve(id + ".event.json"), scenario.get().eventJson());
        Path log = work.resolve(id + ".log");
        Files.deleteIfExists(log);
        boolean http = template.routes().stream().anyMatch(route -> route.functionId().equals(id));
        functions.add(new BenchFunction(def, env, scenario.get(), http, event, log));
      }

      rounds.trainAotCaches(functions, handlersByJar, fixtures::environment);
      for (BenchFunction f : functions) {
        rounds.countClasses(f);
      }
      for (int r = 0; r < options.runs(); r++) {
        progress("round %d/%d", r + 1, options.runs());
        rounds.round(r, functions);
      }
      for (BenchFunction f : functions) {
        rounds.warm(f);
      }
    } finally {
      rounds.deleteAotCaches(functions); // tens of MB each, and only valid for this run's copies of the jars
    }
    List<BenchReport.Row> rows = functions.stream().map(f -> BenchReport.Row.of(f, options.runs())).toList();
    List<BenchBudget.Line> budget = BenchBudget.check(rows, unmeasuredHttp);
    BenchRun run = new BenchRun(List.of(args), started, (System.nanoTime() - began) / 1e9, CPUS, BenchRun.readCpuModel(),
        BenchRun.javaVersion(), loadBefore, BenchRun.readLoad(), options, List.copyOf(skipped));
    BenchReport.printTables(rows, budget, options, CPUS);
    String markdown = BenchMarkdown.render(run, rows, budget);
    if (options.json().isPresent()) {
      Path json = options.json().get();
      BenchReport.writeJson(json, rows, budget, run);
      Path beside = json.resolveSibling(json.getFileName().toString().replaceFirst("\\.json$", "") + ".md");
      Files.deleteIfExists(beside);
      BenchMarkdown.write(beside, markdown);
      progress("wrote %s and %s", json, beside);
    }
    if (options.markdown().isPresent()) {
      BenchMarkdown.write(options.markdown().get(), markdown);
      progress("wrote the results into %s", options.markdown().get());
    }
    progress("done in %.0f s", run.seconds());
    System.exit(0); // not every thread of the local servers is a daemon
  }

  /**
   * Pins this JVM (and moto server, which it starts afterwards and which inherits the pinning) to CPU 1 so that the function on CPU 0 competes with nothing of the bench's own. Best effort: skipped on one CPU or without taskset.
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

  /** The harness classes in a jar of their own, deleted when the bench ends. */
  private static Path harnessJar(Path dir) throws IOException {
    Path jar = dir.resolve("bench-harness.jar");
    List<String> entries = new ArrayList<>();
    HARNESS_CLASSES.forEach(c -> entries.add(c.getName().replace('.', '/') + ".class"));
    PRIVATE_HARNESS_CLASSES.forEach(name -> entries.add("dev/blog/bench/harness/" + name + ".class"));
    try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
      for (String entry : entries) {
        try (InputStream in = BenchMain.class.getClassLoader().getResourceAsStream(entry)) {
          if (in == null) {
            throw new IllegalStateException("Harness class " + entry + " is missing from the bench's class path");
          }
          out.putNextEntry(new JarEntry(entry));
          in.transferTo(out);
          out.closeEntry();
        }
      }
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
    return jar;
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
