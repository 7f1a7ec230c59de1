package org.c2lab.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PairedComparisonTest {
  // k=10: A YYNN / B YNYY on r1 -> bothYes 1, A-only 1, B-only 2, bothNo 0
  // k=20: A NNNN / B NYNN on r1 -> B-only 1, bothNo 3
  private static final List<SampleOutcome> A = new ArrayList<>();
  private static final List<SampleOutcome> B = new ArrayList<>();

  static {
    A.addAll(Outcomes.paths("r1", 10, "YYNN"));
    B.addAll(Outcomes.paths("r1", 10, "YNYY"));
    A.addAll(Outcomes.paths("r1", 20, "NNNN"));
    B.addAll(Outcomes.paths("r1", 20, "NYNN"));
  }

  @Test
  void tabulatesDiscordantPathsPerKAndOverall() {
    PairedComparison cmp = PairedComparison.of(A, B);
    assertEquals(McNemar.of(1, 1, 2, 0), cmp.perK().get(10));
    assertEquals(McNemar.of(0, 0, 1, 3), cmp.perK().get(20));
    assertEquals(McNemar.of(1, 1, 3, 3), cmp.overall());
    // overall: n = 4, min = 1 -> 2 * (1 + 4) / 16
    assertEquals(0.625, cmp.overall().pValue(), 1e-15);
  }

  @Test
  void listsFlippedPathsInKeyOrder() {
    PairedComparison cmp = PairedComparison.of(A, B);
    assertEquals(List.of(new SampleKey("r1", 10, 1)), cmp.aYesBNo());
    assertEquals(
        List.of(new SampleKey("r1", 10, 2), new SampleKey("r1", 10, 3), new SampleKey("r1", 20, 1)),
        cmp.aNoBYes());
  }

  @Test
  void differenceIsBMinusAOfCorrMean() {
    PairedComparison cmp = PairedComparison.of(A, B);
    // A: (2/4 + 0/4) / 2 = 0.25; B: (3/4 + 1/4) / 2 = 0.5
    assertEquals(0.25, cmp.corrMeanA(), 1e-15);
    assertEquals(0.5, cmp.corrMeanB(), 1e-15);
    assertEquals(0.25, cmp.corrMeanDifference(), 1e-15);
  }

  @Test
  void identicalRunsShowNoDifference() {
    List<SampleOutcome> run = Outcomes.bernoulli(30, 2, 0.4, 3);
    PairedComparison cmp = PairedComparison.of(run, run);
    assertEquals(0.0, cmp.corrMeanDifference());
    assertEquals(new Interval(0, 0), cmp.differenceInterval());
    assertEquals(1.0, cmp.overall().pValue());
    assertTrue(cmp.aYesBNo().isEmpty() && cmp.aNoBYes().isEmpty());
  }

  @Test
  void detectsAClearImprovementAndIsReproducible() {
    // B corrects every path that A corrects, plus a quarter of the rest.
    List<SampleOutcome> a = Outcomes.bernoulli(80, 2, 0.2, 17);
    List<SampleOutcome> b = new ArrayList<>();
    java.util.Random random = new java.util.Random(99);
    for (SampleOutcome o : a) {
      b.add(SampleOutcome.of(o.key(), o.corrected() || random.nextDouble() < 0.25));
    }
    BootstrapSettings settings = new BootstrapSettings(500, 7, 0.95);
    PairedComparison cmp = PairedComparison.of(a, b, settings);

    assertTrue(cmp.differenceInterval().lower() > 0, cmp.differenceInterval().toString());
    assertTrue(cmp.differenceInterval().contains(cmp.corrMeanDifference()));
    assertTrue(cmp.overall().pValue() < 1e-6);
    assertEquals(0, cmp.overall().aYesBNo());
    assertEquals(cmp, PairedComparison.of(a, b, settings));
  }

  @Test
  void refusesUnpairedRunsAndCountsTheUnmatchedKeys() {
    List<SampleOutcome> b = new ArrayList<>(B.subList(1, B.size())); // drops r1/k=10/path=0
    b.add(new SampleOutcome("r2", 10, 0, true));
    b.add(new SampleOutcome("r2", 10, 1, true));
    UnpairedOutcomesException e =
        assertThrows(UnpairedOutcomesException.class, () -> PairedComparison.of(A, b));
    assertEquals(1, e.onlyInA());
    assertEquals(2, e.onlyInB());
    assertTrue(e.getMessage().contains("1 keys only in A [r1/k=10/path=0]"), e.getMessage());
  }
}
