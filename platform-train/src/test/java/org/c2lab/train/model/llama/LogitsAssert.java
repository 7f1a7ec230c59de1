package org.c2lab.train.model.llama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Logits comparison with the tolerance the issue sets (1e-4 absolute, every element). */
final class LogitsAssert {
  static final float TOLERANCE = 1e-4f;

  private LogitsAssert() {}

  static void assertClose(float[] expected, float[] actual, String what) {
    assertEquals(expected.length, actual.length, what);
    float worst = 0;
    for (int i = 0; i < expected.length; i++) {
      worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
    }
    assertTrue(worst <= TOLERANCE, what + ": max |difference| " + worst);
  }
}
