package dev.blog.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The cold-start issue's budget, checked against the rows of one run (every figure of a line comes from that
 * run; ratios are medians of per-round pairs, BenchReport.Ratio). A line whose figure the run did not measure
 * (the function left out with --only, no AOT cache, no primed JVM) says so rather than passing.
 */
final class BenchBudget {
  /** The budget's reference function. */
  static final String GET_USER = "GetUserFunction";
  static final double PRIMED_FIRST_INVOKE_MAX_MS = 20;
  static final double PRIMED_OVER_UNPRIMED_MAX = 0.20;
  static final double AOT_OVER_COLD_MAX = 0.5;
  static final double OVERHEAD_P50_MAX_US = 300;

  enum Verdict { PASS, FAIL, NOT_MEASURED }

  /**
   * One checked line.
   *
   * @param budget what is bounded, and for which function
   * @param target the bound
   * @param measured the run's figure, with the figures it derives from
   */
  record Line(String budget, String target, String measured, Verdict verdict) {}

  private BenchBudget() {}

  static List<Line> check(List<BenchReport.Row> rows) {
    return check(rows, List.of());
  }

  /**
   * The budget of {@code rows}; {@code unmeasuredHttp} are functions behind an HTTP route that hash no password
   * and that the run did not measure (no scenario): the primed/unprimed line says so for each.
   */
  static List<Line> check(List<BenchReport.Row> rows, List<String> unmeasuredHttp) {
    List<Line> lines = new ArrayList<>();
    Optional<BenchReport.Row> getUser = rows.stream().filter(r -> r.functionId().equals(GET_USER)).findFirst();
    lines.add(line(GET_USER + " primed_first_invoke_ms", "≤ " + fmt(PRIMED_FIRST_INVOKE_MAX_MS) + " ms",
        getUser.map(BenchReport.Row::primedFirstInvokeMs).orElse(Double.NaN), PRIMED_FIRST_INVOKE_MAX_MS,
        v -> fmt(v) + " ms"));
    for (BenchReport.Row r : rows) {
      if (r.http() && !r.hashesPassword()) {
        lines.add(line(r.functionId() + " primed / unprimed first invoke", "≤ " + fmt(PRIMED_OVER_UNPRIMED_MAX),
            r.primed().median(), PRIMED_OVER_UNPRIMED_MAX, v -> String.format(Locale.ROOT, "%s (%s ms / %s ms)",
                r.primed().text(), fmt(r.primedFirstInvokeMs()), fmt(r.firstInvokeMs()))));
      }
    }
    for (String id : unmeasuredHttp) {
      lines.add(line(id + " primed / unprimed first invoke", "≤ " + fmt(PRIMED_OVER_UNPRIMED_MAX), Double.NaN,
          PRIMED_OVER_UNPRIMED_MAX, v -> ""));
    }
    for (BenchReport.Row r : rows) {
      double ofMedians = r.aotColdMs() / r.coldMedianMs();
      lines.add(line(r.functionId() + " aot_cold_ms_median / cold_ms_median", "≤ " + fmt(AOT_OVER_COLD_MAX),
          ofMedians, AOT_OVER_COLD_MAX, v -> String.format(Locale.ROOT, "%.2f (%s ms / %s ms; paired %s)", v,
              fmt(r.aotColdMs()), fmt(r.coldMedianMs()), r.aot().text())));
    }
    lines.add(line(GET_USER + " overhead_p50_us", "≤ " + fmt(OVERHEAD_P50_MAX_US) + " µs",
        getUser.map(BenchReport.Row::overheadP50Us).orElse(Double.NaN), OVERHEAD_P50_MAX_US,
        v -> String.format(Locale.ROOT, "%s µs (warm p50 %s - store p50 %s)", fmt(v),
            fmt(getUser.get().warmP50Us()), fmt(getUser.get().storeP50Us()))));
    return List.copyOf(lines);
  }

  private static Line line(String budget, String target, double value, double max,
      java.util.function.DoubleFunction<String> measured) {
    if (Double.isNaN(value)) {
      return new Line(budget, target, "not measured in this run", Verdict.NOT_MEASURED);
    }
    return new Line(budget, target, measured.apply(value), value <= max ? Verdict.PASS : Verdict.FAIL);
  }

  /** A figure as the tables show it: up to two decimals below 100, whole numbers from 100. */
  static String fmt(double value) {
    if (Double.isNaN(value)) {
      return "-";
    }
    return Math.abs(value) < 100 && value != Math.rint(value)
        ? String.format(Locale.ROOT, "%.2f", value).replaceAll("0$", "")
        : String.format(Locale.ROOT, "%.0f", value);
  }
}
