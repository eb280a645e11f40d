package dev.blog.bench;

import static dev.blog.bench.BenchReport.ms;
import static dev.blog.bench.BenchReport.ms1;
import static dev.blog.bench.BenchReport.us;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * One run's results as the Markdown that BENCHMARKS.md shows: the run (command, machine, JDK, load, rounds),
 * the budget checked line by line, and the tables. It is one block between two markers, so that BENCHMARKS.md
 * is regenerated from a run by replacing its block ({@code ./dev bench --markdown BENCHMARKS.md}) and its
 * prose, which says how the bench measures, is left as it is. Every figure in the block comes from the run.
 */
final class BenchMarkdown {
  static final String BEGIN = "<!-- bench:results: written by ./dev bench, do not edit by hand -->";
  static final String END = "<!-- /bench:results -->";

  private BenchMarkdown() {}

  static String render(BenchRun run, List<BenchReport.Row> rows, List<BenchBudget.Line> budget) {
    StringBuilder md = new StringBuilder(BEGIN).append("\n\n");
    runSection(md, run);
    md.append("### Budget\n\n");
    if (!run.full()) {
      md.append("Checked against this run, which is not a full one: read the verdicts as a smoke test.\n\n");
    }
    md.append("| budget | target | this run | verdict |\n|---|---|---|---|\n");
    for (BenchBudget.Line line : budget) {
      md.append(row(line.budget(), line.target(), line.measured(), switch (line.verdict()) {
        case PASS -> "pass";
        case FAIL -> "**fail**";
        case NOT_MEASURED -> "not measured";
      }));
    }
    md.append("\nRatios are medians of the per-round pairs (each round starts every variant once), with the smallest "
        + "and the largest round in brackets; the AOT line compares the two medians, as the budget is worded.\n\n");
    md.append("### Cold starts\n\n");
    md.append("| function | cold ms | min-max | floor ms | cold / floor | init ms | parse ms | unprimed 1st ms "
        + "| hooks ms | primed 1st ms | primed / unprimed | aot cold ms | aot / cold | classes | classes after priming "
        + "| jar MB |\n");
    md.append("|---|" + "---:|".repeat(15) + "\n");
    for (BenchReport.Row r : rows) {
      md.append(row(r.functionId(), ms(r.coldMedianMs()), ms(r.coldMinMs()) + "-" + ms(r.coldMaxMs()), ms(r.floorMs()),
          r.xFloor().text(), ms(r.initMs()), ms1(r.parseMs()), ms1(r.firstInvokeMs()), ms(r.hooksMs()),
          ms1(r.primedFirstInvokeMs()), r.primed().text(), ms(r.aotColdMs()), r.aot().text(),
          Integer.toString(r.classes()), Integer.toString(r.primedClasses()), String.format(Locale.ROOT, "%.1f", r.artifactBytes() / 1e6)));
    }
    md.append("\n### Warm calls and the store\n\n");
    md.append("| function | warm p50 µs | warm p99 µs | store p50 µs | store p99 µs | overhead p50 µs | calls |\n");
    md.append("|---|" + "---:|".repeat(6) + "\n");
    for (BenchReport.Row r : rows) {
      md.append(row(r.functionId(), us(r.warmP50Us()), us(r.warmP99Us()), us(r.storeP50Us()), us(r.storeP99Us()),
          us(r.overheadP50Us()), Integer.toString(r.warmCalls())));
    }
    if (run.options().c1Check()) {
      c1Section(md, rows);
    }
    List<BenchReport.Row> noted = rows.stream().filter(r -> !r.notes().isEmpty()).toList();
    if (!noted.isEmpty() || !run.skipped().isEmpty()) {
      md.append("\n### Notes\n\n");
      noted.forEach(r -> md.append("- ").append(r.functionId()).append(": ").append(String.join("; ", r.notes()))
          .append('\n'));
      run.skipped().forEach(s -> md.append("- ").append(s).append('\n'));
    }
    return md.append('\n').append(END).append('\n').toString();
  }

  private static void runSection(StringBuilder md, BenchRun run) {
    BenchMain.Options o = run.options();
    md.append("### This run\n\n");
    if (!run.full()) {
      md.append("**Not a full run** (").append(o.runs() < BenchRun.DEFAULT_RUNS
          ? o.runs() + " round" + (o.runs() == 1 ? "" : "s") + ", fewer than the default " + BenchRun.DEFAULT_RUNS : "")
          .append(o.runs() < BenchRun.DEFAULT_RUNS && !o.only().isEmpty() ? "; " : "")
          .append(o.only().isEmpty() ? "" : "only " + String.join(", ", o.only().stream().sorted().toList()))
          .append("): a smoke test of the bench, not a result.\n\n");
    }
    md.append("- Command: `./dev bench").append(run.args().isEmpty() ? "" : " " + String.join(" ", run.args()))
        .append("`\n");
    md.append("- Started ").append(run.started().truncatedTo(ChronoUnit.SECONDS)).append(", took ")
        .append(String.format(Locale.ROOT, "%.0f", run.seconds())).append(" s (AOT training included, the build not)\n");
    md.append("- Machine: ").append(run.cpus()).append(" CPUs, ").append(run.cpuModel())
        .append(BenchChild.taskset().isPresent() && run.cpus() >= 2
            ? "; every function JVM pinned to CPU 0, the bench and its moto server to CPU 1\n"
            : "; not pinned (no taskset or one CPU)\n");
    md.append("- JDK: ").append(run.java()).append(" (the bench and every function JVM)\n");
    md.append("- Load average (1, 5, 15 min): ").append(run.loadBefore()).append(" at the start, ")
        .append(run.loadAfter()).append(" at the end\n");
    md.append("- Rounds: ").append(o.runs()).append(", each starting every variant of every function once, the order "
        + "rotating from round to round").append(o.c1Check() ? "; with --c1-check" : "").append('\n');
    md.append("- Warm: one JVM per function, ").append(o.warm()).append(" measured calls after ")
        .append(Math.min(BenchRounds.WARMUP, o.warm() / 10)).append(" unmeasured unless a note says fewer\n\n");
  }

  private static void c1Section(StringBuilder md, List<BenchReport.Row> rows) {
    md.append("\n### C1-only JAVA_TOOL_OPTIONS (--c1-check)\n\n");
    md.append("`").append(BenchMain.C1_ONLY).append("` against none, both started as the primed variant (SnapStart's "
        + "flags); *template* says which of the two the function's template environment has.\n\n");
    md.append("| function | template | primed 1st ms, C1 only | primed 1st ms, tiered | C1 / tiered | warm p50 µs, C1 only "
        + "| warm p50 µs, tiered | warm p99 µs, C1 only | warm p99 µs, tiered |\n");
    md.append("|---|---|" + "---:|".repeat(7) + "\n");
    for (BenchReport.Row r : rows) {
      boolean c1 = r.templateC1Only();
      Function<Boolean, String> primed = asC1 -> ms1(asC1 == c1 ? r.primedFirstInvokeMs() : r.primedAltFirstInvokeMs());
      md.append(row(r.functionId(), c1 ? "C1 only" : "tiered", primed.apply(true), primed.apply(false), r.c1().text(),
          us(c1 ? r.warmP50Us() : r.warmAltP50Us()), us(c1 ? r.warmAltP50Us() : r.warmP50Us()),
          us(c1 ? r.warmP99Us() : r.warmAltP99Us()), us(c1 ? r.warmAltP99Us() : r.warmP99Us())));
    }
  }

  /**
   * Writes {@code block} into {@code file}: in place of the block it holds, or as the whole file when there is
   * none yet. A file that exists without the markers is not overwritten (it is somebody's prose).
   */
  static void write(Path file, String block) {
    try {
      if (file.toAbsolutePath().getParent() != null) {
        Files.createDirectories(file.toAbsolutePath().getParent());
      }
      if (!Files.exists(file)) {
        Files.writeString(file, block);
        return;
      }
      Files.writeString(file, replaceBlock(Files.readString(file), block, file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Fails when {@link #write} would refuse {@code file}. */
  static void checkWritable(Path file) {
    try {
      if (Files.exists(file)) {
        replaceBlock(Files.readString(file), "", file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String replaceBlock(String text, String block, Path file) {
    int begin = text.indexOf(BEGIN);
    int end = text.indexOf(END, Math.max(begin, 0));
    if (begin < 0 || end < 0) {
      throw new IllegalArgumentException(file + " has no block between " + BEGIN + " and " + END
          + " to replace; add the two markers where the results go");
    }
    int after = end + END.length();
    if (after < text.length() && text.charAt(after) == '\n') {
      after++;
    }
    return text.substring(0, begin) + block + text.substring(after);
  }

  private static String row(String... cells) {
    return "| " + String.join(" | ", cells) + " |\n";
  }
}
