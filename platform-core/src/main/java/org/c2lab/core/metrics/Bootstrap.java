package org.c2lab.core.metrics;

import java.util.Arrays;
import java.util.Random;
import java.util.function.ToDoubleFunction;

/**
 * Nonparametric bootstrap over requests. Requests, not paths, are resampled because the paths of a
 * request share its prompt and are correlated; resampling paths would give too narrow intervals.
 */
final class Bootstrap {
  private Bootstrap() {}

  /**
   * The percentile interval of {@code statistic} over {@code settings.resamples()} resamples of
   * {@code units} row indices drawn with replacement. {@link Random} is used because its sequence
   * is specified by the Java platform, so a seed reproduces the interval on any JVM.
   */
  static Interval percentileInterval(
      int units, BootstrapSettings settings, ToDoubleFunction<int[]> statistic) {
    Random random = new Random(settings.seed());
    double[] replicates = new double[settings.resamples()];
    int[] rows = new int[units];
    for (int b = 0; b < replicates.length; b++) {
      for (int i = 0; i < units; i++) {
        rows[i] = random.nextInt(units);
      }
      replicates[b] = statistic.applyAsDouble(rows);
    }
    Arrays.sort(replicates);
    double alpha = 1 - settings.level();
    return new Interval(quantile(replicates, alpha / 2), quantile(replicates, 1 - alpha / 2));
  }

  /** Linear interpolation between order statistics (Hyndman and Fan type 7, R's default). */
  static double quantile(double[] sorted, double q) {
    double h = (sorted.length - 1) * q;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }
}
