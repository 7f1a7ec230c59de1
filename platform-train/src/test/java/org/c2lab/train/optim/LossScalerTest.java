package org.c2lab.train.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** GradScaler's schedule: halve and skip on inf/NaN, double after an interval of finite steps. */
class LossScalerTest {

  @Test
  void aNonFiniteStepIsSkippedAndHalvesTheScale() {
    LossScaler s = LossScaler.dynamic(LossScaler.Settings.TORCH);
    assertEquals(65536.0, s.scale());
    assertFalse(s.update(false));
    assertEquals(32768.0, s.scale());
    assertEquals(1, s.skipped());
    assertTrue(s.update(true));
    assertEquals(32768.0, s.scale());
    assertEquals(1, s.skipped());
  }

  @Test
  void theScaleGrowsAfterTheIntervalOfFiniteStepsAndASkipResetsTheCount() {
    LossScaler s = LossScaler.dynamic(new LossScaler.Settings(8, 2, 0.5, 3));
    s.update(true);
    s.update(true);
    s.update(false); // resets the tracker
    assertEquals(4.0, s.scale());
    s.update(true);
    s.update(true);
    assertEquals(4.0, s.scale());
    s.update(true);
    assertEquals(8.0, s.scale());
    assertEquals(new LossScaler.State(8.0, 0, 1), s.state());
  }

  @Test
  void stateRoundTripsAndADisabledScalerNeverSkips() {
    LossScaler s = LossScaler.dynamic(LossScaler.Settings.TORCH);
    s.restore(new LossScaler.State(1024, 17, 3));
    assertEquals(new LossScaler.State(1024, 17, 3), s.state());
    assertThrows(IllegalArgumentException.class, () -> s.restore(new LossScaler.State(0, 0, 0)));
    LossScaler off = LossScaler.disabled();
    assertTrue(off.update(false));
    assertEquals(1.0, off.scale());
    assertEquals(0, off.skipped());
    assertThrows(
        IllegalArgumentException.class, () -> new LossScaler.Settings(1, 1, 0.5, 10)); // no growth
  }
}
