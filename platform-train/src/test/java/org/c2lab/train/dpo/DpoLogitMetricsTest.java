package org.c2lab.train.dpo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.c2lab.core.metrics.MetricNames;
import org.c2lab.train.training.MetricSums;
import org.junit.jupiter.api.Test;

/**
 * TRL's {@code logits/chosen} and {@code logits/rejected} on a case small enough to check by hand.
 */
class DpoLogitMetricsTest {
  @Test
  void meansAreOverEveryLogitOfEveryResponseTokenAcrossMicroBatches() {
    MetricSums m = new MetricSums();
    // vocab 2. Micro-batch 1, two pairs: chosen rows sum 6 (3 tokens) and -2 (1 token),
    // rejected rows sum 4 (2 tokens) and 0 (2 tokens).
    DpoObjective.addLogitMetrics(
        m, new double[] {6, -2, 4, 0}, new int[] {3, 1}, new int[] {2, 2}, 2);
    // Micro-batch 2, one pair: chosen sums 8 over 4 tokens, rejected -4 over 2 tokens.
    DpoObjective.addLogitMetrics(m, new double[] {8, -4}, new int[] {4}, new int[] {2}, 2);
    Map<String, Double> means = m.means();
    // chosen: (6 - 2 + 8) / ((3 + 1 + 4) * 2) = 12 / 16; rejected: (4 + 0 - 4) / ((2 + 2 + 2) * 2)
    assertEquals(0.75, means.get(MetricNames.LOGITS_CHOSEN), 1e-12);
    assertEquals(0.0, means.get(MetricNames.LOGITS_REJECTED), 1e-12);
  }

  @Test
  void rowsMustBeTwoPerPair() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            DpoObjective.addLogitMetrics(
                new MetricSums(), new double[] {1, 2, 3}, new int[] {1}, new int[] {1}, 2));
  }
}
