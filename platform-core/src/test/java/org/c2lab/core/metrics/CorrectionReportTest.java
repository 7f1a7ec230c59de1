package org.c2lab.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CorrectionReportTest {
  /**
   * Hand example. k=10: r1 YN, r2 YY -> 3/4. k=20: r1 NNN, r2 YNN -> 1/6. Corr_mean is the
   * unweighted mean (3/4 + 1/6) / 2 = 11/24 = 0.458333..., not the pooled 4/10.
   */
  private static List<SampleOutcome> handExample() {
    List<SampleOutcome> out = new ArrayList<>();
    out.addAll(Outcomes.paths("r1", 10, "YN"));
    out.addAll(Outcomes.paths("r2", 10, "YY"));
    out.addAll(Outcomes.paths("r1", 20, "NNN"));
    out.addAll(Outcomes.paths("r2", 20, "YNN"));
    return out;
  }

  @Test
  void corrMeanIsTheUnweightedMeanOfCorrAtK() {
    CorrectionReport report = CorrectionReport.from(handExample());
    assertEquals(11.0 / 24.0, report.corrMean(), 1e-15);
    assertEquals(List.of(10, 20), report.ks());
    assertEquals(2, report.requests());
  }

  @Test
  void corrAtKPoolsRequestsAndPathsWithAWilsonInterval() {
    CorrectionReport report = CorrectionReport.from(handExample());
    CorrAtK at10 = report.corrAt(10);
    assertEquals(4, at10.count());
    assertEquals(3, at10.yes());
    assertEquals(0.75, at10.rate());
    assertEquals(Wilson.interval95(3, 4), at10.wilson95());
    CorrAtK at20 = report.corrAt(20);
    assertEquals(6, at20.count());
    assertEquals(1, at20.yes());
    assertThrows(IllegalArgumentException.class, () -> report.corrAt(30));
  }

  @Test
  void exposesPointMetricsUnderTheirNames() {
    Map<String, Double> metrics = CorrectionReport.from(handExample()).asMetrics();
    assertEquals(List.of("corr@10", "corr@20", "corr_mean"), List.copyOf(metrics.keySet()));
    assertEquals(0.75, metrics.get("corr@10"));
  }

  @Test
  void bootstrapIsReproducibleForASeedAndIndependentOfInputOrder() {
    List<SampleOutcome> run = Outcomes.bernoulli(60, 3, 0.3, 11);
    List<SampleOutcome> shuffled = new ArrayList<>(run);
    Collections.shuffle(shuffled, new Random(5));
    BootstrapSettings settings = new BootstrapSettings(500, 123, 0.95);

    CorrectionReport first = CorrectionReport.from(run, settings);
    CorrectionReport again = CorrectionReport.from(shuffled, settings);
    CorrectionReport otherSeed = CorrectionReport.from(run, settings.withSeed(124));

    assertEquals(first, again);
    assertNotEquals(first.corrMeanInterval(), otherSeed.corrMeanInterval());
    assertTrue(first.corrMeanInterval().contains(first.corrMean()));
  }

  @Test
  void aSingleRequestHasADegenerateBootstrapInterval() {
    // Resampling one request always draws that request: every replicate equals the estimate.
    CorrectionReport report = CorrectionReport.from(Outcomes.paths("only", 10, "YNNY"));
    assertEquals(new Interval(0.5, 0.5), report.corrMeanInterval());
  }

  @Test
  void bootstrapIntervalCoversTheTrueRateAtRoughlyItsLevel() {
    // 200 simulated runs with true Corr_mean 0.3; a 90% interval should cover it ~180 times.
    // Binomial(200, 0.9) puts 99.99% of its mass in [160, 196].
    int covered = 0;
    int runs = 200;
    for (int run = 0; run < runs; run++) {
      List<SampleOutcome> outcomes = Outcomes.bernoulli(40, 2, 0.3, 1000 + run);
      BootstrapSettings settings = new BootstrapSettings(400, run, 0.90);
      if (CorrectionReport.from(outcomes, settings).corrMeanInterval().contains(0.3)) {
        covered++;
      }
    }
    assertTrue(covered >= 160 && covered <= 196, "covered " + covered + " of " + runs);
  }

  @Test
  void builderAccumulatesLikeTheFactory() {
    CorrectionReport built =
        CorrectionReport.builder()
            .addAll(handExample().subList(0, 4))
            .addAll(handExample().subList(4, 10).stream())
            .resamples(300)
            .seed(9)
            .level(0.9)
            .build();
    assertEquals(CorrectionReport.from(handExample(), new BootstrapSettings(300, 9, 0.9)), built);
    assertEquals(
        CorrectionReport.from(handExample()), CorrectionReport.from(handExample().stream()));
  }

  @Test
  void rejectsDuplicatePathsAndEmptyRuns() {
    List<SampleOutcome> twice = new ArrayList<>(handExample());
    twice.add(new SampleOutcome("r1", 10, 0, false));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> CorrectionReport.from(twice));
    assertTrue(e.getMessage().contains("1 duplicate"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> CorrectionReport.from(List.of()));
  }

  @Test
  void outcomesRejectInvalidKeys() {
    assertThrows(IllegalArgumentException.class, () -> new SampleOutcome(" ", 10, 0, true));
    assertThrows(IllegalArgumentException.class, () -> new SampleOutcome("r", 0, 0, true));
    assertThrows(IllegalArgumentException.class, () -> new SampleOutcome("r", 10, -1, true));
  }
}
