package org.c2lab.core.metrics;

import java.util.Objects;

/**
 * Corr@k: the fraction of paths at prefix length k that the judge found course-corrected.
 *
 * @param k prefix length in words
 * @param count paths judged at this k
 * @param yes paths judged corrected
 * @param rate yes / count
 * @param wilson95 the 95% Wilson score interval of the rate
 */
public record CorrAtK(int k, long count, long yes, double rate, Interval wilson95) {
  public CorrAtK {
    if (k < 1 || count < 1 || yes < 0 || yes > count) {
      throw new IllegalArgumentException(
          "invalid Corr@k tally: k=" + k + " yes=" + yes + " count=" + count);
    }
    if (rate != (double) yes / count) {
      throw new IllegalArgumentException("rate " + rate + " is not " + yes + "/" + count);
    }
    Objects.requireNonNull(wilson95, "wilson95");
  }

  /** The tally with its rate and 95% Wilson interval. */
  public static CorrAtK of(int k, long yes, long count) {
    return new CorrAtK(k, count, yes, (double) yes / count, Wilson.interval95(yes, count));
  }

  /** The metric name, e.g. {@code corr@10}. */
  public String metricName() {
    return MetricNames.corrAt(k);
  }
}
