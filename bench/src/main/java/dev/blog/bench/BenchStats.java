package dev.blog.bench;

import java.util.Arrays;

/** The order statistics the bench reports. Inputs are never modified. */
final class BenchStats {
  private BenchStats() {}

  /** The median: the middle value, or the mean of the two middle values of an even count. */
  static double median(long[] values) {
    long[] sorted = sorted(values);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
  }

  /**
   * The nearest-rank percentile: the smallest value with at least {@code p} percent of the values at or
   * below it (so p99 of 1000 samples is the 990th smallest; p100 is the maximum).
   */
  static long percentile(long[] values, double p) {
    if (p <= 0 || p > 100) {
      throw new IllegalArgumentException("percentile must be in (0, 100], was " + p);
    }
    long[] sorted = sorted(values);
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(rank, 1) - 1];
  }

  static long min(long[] values) {
    return sorted(values)[0];
  }

  static long max(long[] values) {
    long[] sorted = sorted(values);
    return sorted[sorted.length - 1];
  }

  /** The median of ratios: the middle one, or the mean of the two middle ones. */
  static double median(double[] values) {
    double[] sorted = sorted(values);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
  }

  static double min(double[] values) {
    return sorted(values)[0];
  }

  static double max(double[] values) {
    double[] sorted = sorted(values);
    return sorted[sorted.length - 1];
  }

  private static double[] sorted(double[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("no values");
    }
    double[] copy = values.clone();
    Arrays.sort(copy);
    return copy;
  }

  private static long[] sorted(long[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("no values");
    }
    long[] copy = values.clone();
    Arrays.sort(copy);
    return copy;
  }
}
