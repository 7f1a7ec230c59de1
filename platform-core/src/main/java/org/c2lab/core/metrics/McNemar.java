package org.c2lab.core.metrics;

/**
 * The exact McNemar test on a paired 2x2 table of path outcomes of runs A and B. Only discordant
 * paths carry evidence: under the null hypothesis (A and B correct equally often) each of the
 * {@code n = b + c} discordant paths is A-only or B-only with probability 1/2, so the two-sided
 * p-value is {@code min(1, 2 * P(X <= min(b, c)))} for {@code X ~ Binomial(n, 1/2)}.
 *
 * @param bothYes paths corrected in both runs
 * @param aYesBNo paths corrected in A only (b)
 * @param aNoBYes paths corrected in B only (c)
 * @param bothNo paths corrected in neither run
 * @param pValue exact two-sided p-value
 */
public record McNemar(long bothYes, long aYesBNo, long aNoBYes, long bothNo, double pValue) {
  private static final double LN_2 = Math.log(2);

  public McNemar {
    if (bothYes < 0 || aYesBNo < 0 || aNoBYes < 0 || bothNo < 0) {
      throw new IllegalArgumentException("counts must be >= 0");
    }
    if (!(pValue >= 0 && pValue <= 1)) {
      throw new IllegalArgumentException("pValue must be in [0, 1], was " + pValue);
    }
  }

  /** The test of the given table. */
  public static McNemar of(long bothYes, long aYesBNo, long aNoBYes, long bothNo) {
    return new McNemar(bothYes, aYesBNo, aNoBYes, bothNo, exactPValue(aYesBNo, aNoBYes));
  }

  /** Total paired paths. */
  public long total() {
    return bothYes + aYesBNo + aNoBYes + bothNo;
  }

  /** Discordant paths, b + c. */
  public long discordant() {
    return aYesBNo + aNoBYes;
  }

  /**
   * Exact two-sided p-value for {@code b} and {@code c} discordant paths. Computed in log space
   * relative to the largest term, {@code C(n, m)} with {@code m = min(b, c)}, so that it neither
   * underflows nor loses precision for tens of thousands of discordant paths (2^-n underflows a
   * double beyond n = 1074).
   */
  public static double exactPValue(long b, long c) {
    if (b < 0 || c < 0) {
      throw new IllegalArgumentException("counts must be >= 0: b=" + b + " c=" + c);
    }
    long n = b + c;
    long m = Math.min(b, c);
    if (n == 0 || 2 * m >= n) {
      return 1; // no evidence, or a perfectly balanced table
    }
    // ln C(n, m) = sum_{i=1..m} ln((n - m + i) / i)
    double logChooseM = 0;
    for (long i = 1; i <= m; i++) {
      logChooseM += Math.log((double) (n - m + i) / i);
    }
    // sum_{i<=m} C(n, i) / C(n, m): walk down with C(n, i-1) / C(n, i) = i / (n - i + 1) <= 1.
    double relativeSum = 1;
    double term = 1;
    for (long i = m; i >= 1; i--) {
      term *= (double) i / (n - i + 1);
      relativeSum += term;
      if (term < 1e-17 * relativeSum) {
        break; // the remaining terms shrink geometrically and cannot change the sum
      }
    }
    double logP = LN_2 + logChooseM - n * LN_2 + Math.log(relativeSum);
    return Math.min(1, Math.exp(logP));
  }
}
