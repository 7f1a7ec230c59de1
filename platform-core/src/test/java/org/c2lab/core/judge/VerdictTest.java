package org.c2lab.core.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VerdictTest {
  @Test
  void acceptsProbabilitiesAndNaN() {
    assertTrue(new Verdict(true, 0.0, null, "j", null).hasConfidence());
    assertTrue(new Verdict(true, 1.0, "why", "j", "yes").hasConfidence());
    assertFalse(Verdict.of(false, "j").hasConfidence());
  }

  @Test
  void rejectsConfidenceOutsideTheUnitInterval() {
    assertThrows(IllegalArgumentException.class, () -> new Verdict(true, 1.01, null, "j", null));
    assertThrows(IllegalArgumentException.class, () -> new Verdict(true, -0.1, null, "j", null));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Verdict(true, Double.POSITIVE_INFINITY, null, "j", null));
  }

  @Test
  void requiresAJudgeId() {
    assertThrows(NullPointerException.class, () -> Verdict.of(true, null));
    assertThrows(IllegalArgumentException.class, () -> Verdict.of(true, " "));
  }

  @Test
  void verdictsWithoutConfidenceAreEqual() {
    assertEquals(Verdict.of(true, "j"), Verdict.of(true, "j"));
  }

  @Test
  void requestPartsMustBePresentButMayBeEmpty() {
    assertThrows(NullPointerException.class, () -> new JudgeRequest("r", null, "c"));
    assertEquals("", new JudgeRequest("", "", "").continuation());
  }
}
