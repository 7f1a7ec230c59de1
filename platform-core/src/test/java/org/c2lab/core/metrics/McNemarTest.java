package org.c2lab.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import org.junit.jupiter.api.Test;

class McNemarTest {
  @Test
  void oneAgainstSix() {
    // n = 7: 2 * (C(7,0) + C(7,1)) / 2^7 = 2 * 8 / 128
    assertEquals(0.125, McNemar.exactPValue(1, 6), 1e-15);
  }

  @Test
  void noneAgainstFive() {
    // n = 5: 2 * C(5,0) / 2^5 = 2 / 32
    assertEquals(0.0625, McNemar.exactPValue(0, 5), 1e-15);
  }

  @Test
  void threeAgainstTwelve() {
    // n = 15: 2 * (1 + 15 + 105 + 455) / 32768 = 1152 / 32768
    assertEquals(0.03515625, McNemar.exactPValue(3, 12), 1e-15);
  }

  @Test
  void isSymmetricInTheDiscordantCounts() {
    assertEquals(McNemar.exactPValue(10, 30), McNemar.exactPValue(30, 10));
    assertEquals(exactByBigIntegers(10, 30), McNemar.exactPValue(10, 30), 1e-15);
  }

  @Test
  void isOneWithoutEvidenceOrWhenBalanced() {
    assertEquals(1.0, McNemar.exactPValue(0, 0));
    assertEquals(1.0, McNemar.exactPValue(4, 4));
    assertEquals(1.0, McNemar.exactPValue(5, 6), 1e-12); // 2 * P(X <= 5) = 2 * 0.5 for n = 11
  }

  @Test
  void matchesExactIntegerArithmeticForThousandsOfPaths() {
    // 2^-2300 underflows a double; the exact sum below does not.
    double expected = exactByBigIntegers(1000, 1300);
    double actual = McNemar.exactPValue(1000, 1300);
    assertEquals(expected, actual, expected * 1e-10);
    assertEquals(exactByBigIntegers(400, 480), McNemar.exactPValue(400, 480), 1e-14);
  }

  @Test
  void staysStableAtTheScaleOfAFullRun() {
    // 80,000 judged paths per model. References from log-gamma summation (independent method).
    assertEquals(0.7264895637946657, McNemar.exactPValue(40_000, 40_100), 1e-9);
    assertEquals(0.0004478218231405691, McNemar.exactPValue(40_000, 41_000), 1e-12);
  }

  @Test
  void tableKeepsItsCountsAndTest() {
    McNemar t = McNemar.of(50, 1, 6, 43);
    assertEquals(100, t.total());
    assertEquals(7, t.discordant());
    assertEquals(0.125, t.pValue(), 1e-15);
  }

  @Test
  void rejectsNegativeCounts() {
    assertThrows(IllegalArgumentException.class, () -> McNemar.exactPValue(-1, 3));
    assertThrows(IllegalArgumentException.class, () -> McNemar.of(-1, 0, 0, 0));
  }

  /** min(1, 2 * sum_{i <= min(b,c)} C(n, i) / 2^n) in exact integers, rounded once at the end. */
  private static double exactByBigIntegers(int b, int c) {
    int n = b + c;
    BigInteger sum = BigInteger.ZERO;
    BigInteger choose = BigInteger.ONE; // C(n, 0)
    for (int i = 0; i <= Math.min(b, c); i++) {
      sum = sum.add(choose);
      choose = choose.multiply(BigInteger.valueOf(n - i)).divide(BigInteger.valueOf(i + 1));
    }
    BigDecimal p =
        new BigDecimal(sum.shiftLeft(1))
            .divide(new BigDecimal(BigInteger.ONE.shiftLeft(n)), MathContext.DECIMAL128);
    return Math.min(1, p.doubleValue());
  }
}
