package org.c2lab.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class WordLengthSummaryTest {

  private static WordLengthSummary of(int... lengths) {
    WordLengthSummary.Accumulator acc = new WordLengthSummary.Accumulator();
    for (int l : lengths) {
      acc.add(l);
    }
    return acc.summary();
  }

  @Test
  void quartilesInterpolateLinearlyLikeNumpyPercentile() {
    // numpy.percentile([1, 2, 3, 4], [25, 50, 75]) == [1.75, 2.5, 3.25]
    assertEquals(new WordLengthSummary(4, 1, 1.75, 2.5, 3.25, 4, 2.5), of(4, 2, 1, 3));
  }

  @Test
  void repeatedLengthsAndLongTextsAreCountedExactly() {
    // sorted: 3 3 3 10 500 -> q1 at rank 1 = 3, median rank 2 = 3, q3 rank 3 = 10
    assertEquals(new WordLengthSummary(5, 3, 3, 3, 10, 500, 103.8), of(500, 3, 10, 3, 3));
  }

  @Test
  void singleValueIsEveryStatistic() {
    assertEquals(new WordLengthSummary(1, 7, 7, 7, 7, 7, 7), of(7));
  }

  @Test
  void emptyInputGivesZeroCount() {
    assertEquals(0, of().count());
  }
}
