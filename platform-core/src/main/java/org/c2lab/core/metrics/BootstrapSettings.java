package org.c2lab.core.metrics;

/**
 * How a bootstrap interval is computed: the number of resamples, the seed of the resampling (so a
 * report is reproducible) and the confidence level of the percentile interval.
 */
public record BootstrapSettings(int resamples, long seed, double level) {
  /** 2000 resamples, seed 0, 95% level. */
  public static final BootstrapSettings DEFAULT = new BootstrapSettings(2000, 0L, 0.95);

  public BootstrapSettings {
    if (resamples < 1) {
      throw new IllegalArgumentException("resamples must be >= 1, was " + resamples);
    }
    if (!(level > 0 && level < 1)) {
      throw new IllegalArgumentException("level must be in (0, 1), was " + level);
    }
  }

  public BootstrapSettings withResamples(int resamples) {
    return new BootstrapSettings(resamples, seed, level);
  }

  public BootstrapSettings withSeed(long seed) {
    return new BootstrapSettings(resamples, seed, level);
  }

  public BootstrapSettings withLevel(double level) {
    return new BootstrapSettings(resamples, seed, level);
  }
}
