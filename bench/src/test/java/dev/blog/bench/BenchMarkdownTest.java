package dev.blog.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blog.bench.BenchReport.Ratio;
import dev.blog.bench.BenchReport.Row;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The budget checked and the Markdown of BENCHMARKS.md, from made-up rows (nothing is timed here). */
class BenchMarkdownTest {
  private static final BenchMain.Options FULL = new BenchMain.Options(10, 1000, Optional.empty(), Optional.empty(),
      Set.of(), false);

  @Test
  void eachBudgetLineIsCheckedAgainstTheRunsOwnFigures() {
    List<BenchBudget.Line> lines = BenchBudget.check(List.of(
        row("GetUserFunction", true, false, 18.5, 400, 0.05, 600, 1200, 250),
        row("ListUsersFunction", true, false, 90, 300, 0.3, 700, 1200, Double.NaN),
        row("LoginFunction", true, true, 500, 900, 0.55, 500, 1400, Double.NaN),
        row("AuthorizerFunction", false, false, 9, 150, 0.06, 500, 700, Double.NaN)));

    assertThat(verdicts(lines)).containsExactly(
        "GetUserFunction primed_first_invoke_ms PASS",
        "GetUserFunction primed / unprimed first invoke PASS",
        "ListUsersFunction primed / unprimed first invoke FAIL", // 0.3 > 0.2
        // Login hashes a password and the authorizer is no HTTP function: no ratio line for them
        "GetUserFunction aot_cold_ms_median / cold_ms_median PASS", // 600 / 1200
        "ListUsersFunction aot_cold_ms_median / cold_ms_median FAIL", // 700 / 1200
        "LoginFunction aot_cold_ms_median / cold_ms_median PASS",
        "AuthorizerFunction aot_cold_ms_median / cold_ms_median FAIL", // 500 / 700
        "GetUserFunction overhead_p50_us PASS");
    assertThat(lines.get(2).measured()).isEqualTo("0.30 (0.30-0.30) (90 ms / 300 ms)");
    assertThat(lines.get(7).measured()).isEqualTo("250 µs (warm p50 1250 - store p50 1000)");
  }

  @Test
  void aBudgetFigureTheRunDidNotMeasureIsNotAPass() {
    List<BenchBudget.Line> lines = BenchBudget.check(List.of(
        row("GetPostFunction", true, false, 20, 400, 0.05, Double.NaN, 1200, Double.NaN)));

    assertThat(verdicts(lines)).containsExactly(
        "GetUserFunction primed_first_invoke_ms NOT_MEASURED",
        "GetPostFunction primed / unprimed first invoke PASS",
        "GetPostFunction aot_cold_ms_median / cold_ms_median NOT_MEASURED",
        "GetUserFunction overhead_p50_us NOT_MEASURED");
  }

  @Test
  void anHttpFunctionWithoutAScenarioIsListedAsNotMeasured() {
    List<BenchBudget.Line> lines = BenchBudget.check(List.of(), List.of("VerifyEmailFunction"));

    assertThat(verdicts(lines)).contains("VerifyEmailFunction primed / unprimed first invoke NOT_MEASURED");
  }

  @Test
  void theMarkdownShowsTheRunTheBudgetAndTheTables() {
    List<Row> rows = List.of(row("GetUserFunction", true, false, 18.5, 400, 0.05, 600, 1200, 250));
    String md = BenchMarkdown.render(run(FULL), rows, BenchBudget.check(rows));

    assertThat(md).startsWith(BenchMarkdown.BEGIN).endsWith(BenchMarkdown.END + "\n")
        .contains("- Command: `./dev bench --json target/bench.json`")
        .contains("- Load average (1, 5, 15 min): 0.10 0.20 0.30 at the start, 1.00 2.00 3.00 at the end")
        .contains("- JDK: Test JDK 25")
        .contains("| GetUserFunction primed_first_invoke_ms | ≤ 20 ms | 18.5 ms | pass |")
        .contains("| GetUserFunction overhead_p50_us | ≤ 300 µs | 250 µs (warm p50 1250 - store p50 1000) | pass |")
        .contains("| GetUserFunction | 1200 | 1100-1300 |")
        .contains("| GetUserFunction | 1250 | 4000 | 1000 | 3000 | 250 | 1000 |")
        .doesNotContain("Not a full run").doesNotContain("C1-only");
  }

  @Test
  void aRunWithFewerRoundsOrSomeFunctionsSaysItIsNoResult() {
    var smoke = new BenchMain.Options(1, 50, Optional.empty(), Optional.empty(), Set.of("GetUserFunction"), false);
    List<Row> rows = List.of(row("GetUserFunction", true, false, 30, 400, 0.08, 600, 1200, 400));
    String md = BenchMarkdown.render(run(smoke), rows, BenchBudget.check(rows));

    assertThat(md).contains("**Not a full run** (1 round, fewer than the default 10; only GetUserFunction)")
        .contains("read the verdicts as a smoke test").contains("| **fail** |");
  }

  @Test
  void theBlockReplacesTheOldOneAndLeavesTheProseAlone(@TempDir Path dir) throws Exception {
    Path benchmarks = dir.resolve("BENCHMARKS.md");
    Files.writeString(benchmarks, "# Prose\n\n" + BenchMarkdown.BEGIN + "\nold figures\n" + BenchMarkdown.END
        + "\n\n## More prose\n");

    BenchMarkdown.write(benchmarks, BenchMarkdown.BEGIN + "\nnew figures\n" + BenchMarkdown.END + "\n");

    assertThat(Files.readString(benchmarks)).isEqualTo("# Prose\n\n" + BenchMarkdown.BEGIN + "\nnew figures\n"
        + BenchMarkdown.END + "\n\n## More prose\n");
  }

  @Test
  void aFileWithoutTheMarkersIsNotOverwritten(@TempDir Path dir) throws Exception {
    Path readme = Files.writeString(dir.resolve("README.md"), "# Somebody's prose\n");

    assertThatThrownBy(() -> BenchMarkdown.checkWritable(readme)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no block");
    assertThatThrownBy(() -> BenchMarkdown.write(readme, "x")).isInstanceOf(IllegalArgumentException.class);
    assertThat(Files.readString(readme)).isEqualTo("# Somebody's prose\n");
  }

  private static List<String> verdicts(List<BenchBudget.Line> lines) {
    return lines.stream().map(l -> l.budget() + " " + l.verdict()).toList();
  }

  private static BenchRun run(BenchMain.Options options) {
    return new BenchRun(List.of("--json", "target/bench.json"), Instant.parse("2026-11-30T03:00:00Z"), 1234, 2,
        "Test CPU", "Test JDK 25", "0.10 0.20 0.30", "1.00 2.00 3.00", options, List.of());
  }

  /** A row with the figures the budget reads; the others plausible. Warm p50 is store p50 + overhead. */
  private static Row row(String id, boolean http, boolean hashes, double primedMs, double unprimedMs,
      double primedRatio, double aotMs, double coldMs, double overheadUs) {
    double storeP50 = 1000;
    return new Row(id, http, hashes, 40, coldMs, coldMs - 100, coldMs + 100, one(coldMs / 40), 700, 5,
        unprimedMs, primedMs, 300, one(primedRatio), aotMs, one(aotMs / coldMs), Double.NaN, one(Double.NaN), true,
        storeP50 + (Double.isNaN(overheadUs) ? 500 : overheadUs), 4000, 1000, storeP50, 3000, overheadUs,
        Double.NaN, Double.NaN, 4600, 12, 12_600_000, List.of());
  }

  private static Ratio one(double value) {
    return Double.isNaN(value) ? Ratio.of(new double[0]) : Ratio.of(new double[] {value});
  }
}
