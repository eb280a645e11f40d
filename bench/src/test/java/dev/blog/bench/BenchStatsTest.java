package dev.blog.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The bench's order statistics, on known inputs (nothing is timed here). */
class BenchStatsTest {
  @Test
  void theMedianOfAnOddCountIsTheMiddleValue() {
    assertThat(BenchStats.median(new long[] {9, 1, 5})).isEqualTo(5.0);
  }

  @Test
  void theMedianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
    assertThat(BenchStats.median(new long[] {4, 1, 3, 2})).isEqualTo(2.5);
  }

  @Test
  void percentilesUseTheNearestRank() {
    long[] oneToThousand = LongStream.rangeClosed(1, 1000).map(i -> 1001 - i).toArray(); // descending on purpose
    assertThat(BenchStats.percentile(oneToThousand, 50)).isEqualTo(500);
    assertThat(BenchStats.percentile(oneToThousand, 99)).isEqualTo(990);
    assertThat(BenchStats.percentile(oneToThousand, 100)).isEqualTo(1000);
    assertThat(BenchStats.percentile(oneToThousand, 0.01)).isEqualTo(1);
  }

  @Test
  void aSmallSampleRoundsTheRankUp() {
    long[] five = {10, 20, 30, 40, 50};
    assertThat(BenchStats.percentile(five, 50)).isEqualTo(30);
    assertThat(BenchStats.percentile(five, 99)).isEqualTo(50);
    assertThat(BenchStats.percentile(five, 20)).isEqualTo(10);
    assertThat(BenchStats.percentile(five, 21)).isEqualTo(20);
  }

  @Test
  void minAndMaxDoNotReorderTheInput() {
    long[] values = {3, 1, 2};
    assertThat(BenchStats.min(values)).isEqualTo(1);
    assertThat(BenchStats.max(values)).isEqualTo(3);
    assertThat(values).containsExactly(3, 1, 2);
  }

  @Test
  void ratiosHaveAMedianAndASpread() {
    double[] ratios = {0.5, 0.25, 0.75, 1.0};
    assertThat(BenchStats.median(ratios)).isEqualTo(0.625);
    assertThat(BenchStats.min(ratios)).isEqualTo(0.25);
    assertThat(BenchStats.max(ratios)).isEqualTo(1.0);
    assertThat(ratios).containsExactly(0.5, 0.25, 0.75, 1.0);
  }

  @Test
  void emptyInputsAndOutOfRangePercentilesAreRejected() {
    assertThatThrownBy(() -> BenchStats.median(new double[0])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BenchStats.median(new long[0])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BenchStats.percentile(new long[] {1}, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BenchStats.percentile(new long[] {1}, 101)).isInstanceOf(IllegalArgumentException.class);
  }
}
