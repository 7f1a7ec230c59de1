package org.c2lab.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class MetricNamesTest {
  @Test
  void namesCorrAtKLikeThePaper() {
    assertEquals("corr@10", MetricNames.corrAt(10));
    assertEquals("corr@80", MetricNames.corrAt(80));
    assertEquals("corr_mean", MetricNames.CORR_MEAN);
  }

  @Test
  void parsesOnlyWellFormedCorrAtNames() {
    assertEquals(OptionalInt.of(30), MetricNames.parseCorrAt("corr@30"));
    assertEquals(OptionalInt.empty(), MetricNames.parseCorrAt("corr@"));
    assertEquals(OptionalInt.empty(), MetricNames.parseCorrAt("corr@010"));
    assertEquals(OptionalInt.empty(), MetricNames.parseCorrAt("corr@0"));
    assertEquals(OptionalInt.empty(), MetricNames.parseCorrAt("corr@-1"));
    assertEquals(OptionalInt.empty(), MetricNames.parseCorrAt("corr_mean"));
    assertEquals(OptionalInt.empty(), MetricNames.parseCorrAt(null));
  }

  @Test
  void rejectsNonPositiveK() {
    assertThrows(IllegalArgumentException.class, () -> MetricNames.corrAt(0));
  }

  @Test
  void usesTrlDpoNames() {
    assertEquals("rewards/chosen", MetricNames.REWARDS_CHOSEN);
    assertEquals("rewards/rejected", MetricNames.REWARDS_REJECTED);
    assertEquals("rewards/accuracies", MetricNames.REWARDS_ACCURACIES);
    assertEquals("rewards/margins", MetricNames.REWARDS_MARGINS);
    assertEquals("logps/chosen", MetricNames.LOGPS_CHOSEN);
    assertEquals("logps/rejected", MetricNames.LOGPS_REJECTED);
    assertEquals("logits/chosen", MetricNames.LOGITS_CHOSEN);
    assertEquals("logits/rejected", MetricNames.LOGITS_REJECTED);
    assertEquals("grad_norm", MetricNames.GRAD_NORM);
    assertEquals("learning_rate", MetricNames.LEARNING_RATE);
    assertEquals("epoch", MetricNames.EPOCH);
    assertEquals("loss", MetricNames.LOSS);
    assertEquals("tokens_per_second", MetricNames.TOKENS_PER_SECOND);
  }
}
