package org.c2lab.train.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.c2lab.train.optim.LearningRateSchedule.Decay;
import org.junit.jupiter.api.Test;

/** The schedules against Hugging Face's formulas, computed by hand. */
class LearningRateScheduleTest {
  @Test
  void linearWarmsUpFromZeroThenFallsToZeroAtTheLastStep() {
    LearningRateSchedule s = new LearningRateSchedule(1e-3, 2, 10, Decay.LINEAR);
    assertEquals(0, s.at(0));
    assertEquals(0.5e-3, s.at(1), 1e-15);
    assertEquals(1e-3, s.at(2), 1e-15);
    assertEquals(1e-3 * 6 / 8, s.at(4), 1e-15);
    assertEquals(1e-3 / 8, s.at(9), 1e-15);
    assertEquals(0, s.at(10), 1e-15);
  }

  @Test
  void cosineFollowsHalfACosineAfterWarmUp() {
    LearningRateSchedule s = new LearningRateSchedule(2.0, 0, 4, Decay.COSINE);
    assertEquals(2.0, s.at(0), 1e-12);
    assertEquals(2.0 * 0.5 * (1 + Math.cos(Math.PI / 4)), s.at(1), 1e-12);
    assertEquals(1.0, s.at(2), 1e-12);
    assertEquals(0, s.at(4), 1e-12);
  }

  @Test
  void constantStaysAtThePeakAndNamesParse() {
    LearningRateSchedule s = new LearningRateSchedule(5e-5, 0, 3, Decay.named("constant"));
    assertEquals(5e-5, s.at(2));
    assertEquals(Decay.COSINE, Decay.named("Cosine"));
    assertThrows(IllegalArgumentException.class, () -> Decay.named("step"));
    assertThrows(
        IllegalArgumentException.class, () -> new LearningRateSchedule(1, 0, 0, Decay.LINEAR));
  }
}
