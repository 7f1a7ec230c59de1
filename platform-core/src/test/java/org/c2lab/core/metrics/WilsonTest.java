package org.c2lab.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * Expected bounds are the two roots of (p - π)² = z² π(1 - π) / n in π (the definition of the score
 * interval), solved with the quadratic formula outside the code under test, z = 1.959963984540054.
 */
class WilsonTest {
  private static final double EPS = 1e-12;

  @Test
  void sevenOfTen() {
    // a = 1 + z²/10 = 1.38414588207, b = -(1.4 + 0.38414588207), c = 0.49
    Interval i = Wilson.interval95(7, 10);
    assertEquals(0.39677814746114537, i.lower(), EPS);
    assertEquals(0.8922087325936988, i.upper(), EPS);
  }

  @Test
  void zeroOfTenHasLowerBoundZero() {
    // p = 0: roots 0 and z² / (n + z²) = 3.84145882069 / 13.84145882069
    Interval i = Wilson.interval95(0, 10);
    assertEquals(0.0, i.lower(), 0.0);
    assertEquals(0.2775327998628892, i.upper(), EPS);
  }

  @Test
  void tenOfTenHasUpperBoundOne() {
    // p = 1: roots n / (n + z²) = 10 / 13.84145882069 and 1
    Interval i = Wilson.interval95(10, 10);
    assertEquals(0.7224672001371114, i.lower(), EPS);
    assertEquals(1.0, i.upper(), EPS);
  }

  @Test
  void threeOfForty() {
    Interval i = Wilson.interval95(3, 40);
    assertEquals(0.025836025774588208, i.lower(), EPS);
    assertEquals(0.19864233524310543, i.upper(), EPS);
  }

  @Test
  void staysInsideTheUnitIntervalAtTheExtremes() {
    for (int n : new int[] {1, 2, 5, 1000, 80_000}) {
      Interval none = Wilson.interval95(0, n);
      Interval all = Wilson.interval95(n, n);
      assertEquals(0.0, none.lower(), 0.0);
      assertEquals(1.0, all.upper(), 0.0);
    }
  }

  @Test
  void rejectsImpossibleCounts() {
    assertThrows(IllegalArgumentException.class, () -> Wilson.interval95(0, 0));
    assertThrows(IllegalArgumentException.class, () -> Wilson.interval95(11, 10));
    assertThrows(IllegalArgumentException.class, () -> Wilson.interval95(-1, 10));
    assertThrows(IllegalArgumentException.class, () -> Wilson.interval(1, 10, 0));
  }
}
