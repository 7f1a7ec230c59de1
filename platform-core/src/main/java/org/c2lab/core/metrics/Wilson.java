package org.c2lab.core.metrics;

/**
 * The Wilson score interval for a binomial proportion (Wilson 1927). Unlike the normal (Wald)
 * interval it stays inside [0, 1] and is informative at 0/n and n/n, which matter here: small
 * models often have Corr@k near 0.
 */
public final class Wilson {
  /** The standard normal 97.5% quantile, for 95% intervals. */
  public static final double Z_95 = 1.959963984540054;

  private Wilson() {}

  /** The 95% Wilson score interval of {@code successes / trials}. */
  public static Interval interval95(long successes, long trials) {
    return interval(successes, trials, Z_95);
  }

  /**
   * The Wilson score interval with normal quantile {@code z}: centre (p + z²/2n) / (1 + z²/n),
   * half-width z / (1 + z²/n) * sqrt(p(1-p)/n + z²/4n²).
   */
  public static Interval interval(long successes, long trials, double z) {
    if (trials <= 0) {
      throw new IllegalArgumentException("trials must be > 0, was " + trials);
    }
    if (successes < 0 || successes > trials) {
      throw new IllegalArgumentException("successes must be in [0, " + trials + "]: " + successes);
    }
    if (!(z > 0) || Double.isInfinite(z)) {
      throw new IllegalArgumentException("z must be positive and finite: " + z);
    }
    double n = trials;
    double p = successes / n;
    double z2 = z * z;
    double denominator = 1 + z2 / n;
    double centre = (p + z2 / (2 * n)) / denominator;
    double half = z / denominator * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
    // At p = 0 (p = 1) the lower (upper) bound is exactly 0 (1); subtraction leaves rounding noise.
    double lower = successes == 0 ? 0 : Math.max(0, centre - half);
    double upper = successes == trials ? 1 : Math.min(1, centre + half);
    return new Interval(lower, upper);
  }
}
