package org.c2lab.core.data;

import java.util.Arrays;

/**
 * The distribution of a whole-number length (words of a response) over many texts, exact and in
 * memory proportional to the longest length rather than to the number of texts.
 *
 * <p>Quartiles use linear interpolation between order statistics (the default of numpy's {@code
 * percentile} and pandas' {@code describe}), so the numbers can be checked with either.
 *
 * @param count how many texts; all other values are 0 when this is 0
 * @param min shortest length
 * @param q1 first quartile
 * @param median second quartile
 * @param q3 third quartile
 * @param max longest length
 * @param mean arithmetic mean
 */
public record WordLengthSummary(
    long count, long min, double q1, double median, double q3, long max, double mean) {

  public WordLengthSummary {
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0, got " + count);
    }
    if (count > 0 && !(min <= q1 && q1 <= median && median <= q3 && q3 <= max)) {
      throw new IllegalArgumentException(
          "expected min <= q1 <= median <= q3 <= max, got "
              + Arrays.toString(new double[] {min, q1, median, q3, max}));
    }
  }

  /** Collects lengths one at a time; a histogram of counts indexed by length. */
  public static final class Accumulator {
    private long[] counts = new long[256];
    private long n;
    private long sum;
    private int max = -1;

    /** Adds one text's length. */
    public void add(int length) {
      if (length < 0) {
        throw new IllegalArgumentException("length must be >= 0, got " + length);
      }
      if (length >= counts.length) {
        counts = Arrays.copyOf(counts, Math.max(length + 1, counts.length * 2));
      }
      counts[length]++;
      n++;
      sum += length;
      max = Math.max(max, length);
    }

    /** The summary of everything added so far. */
    public WordLengthSummary summary() {
      if (n == 0) {
        return new WordLengthSummary(0, 0, 0, 0, 0, 0, 0);
      }
      return new WordLengthSummary(
          n,
          orderStatistic(0),
          quantile(0.25),
          quantile(0.5),
          quantile(0.75),
          max,
          (double) sum / n);
    }

    private double quantile(double p) {
      double h = (n - 1) * p;
      long lo = (long) Math.floor(h);
      long a = orderStatistic(lo);
      long b = lo + 1 < n ? orderStatistic(lo + 1) : a;
      return a + (h - lo) * (b - a);
    }

    /** The length at 0-based rank {@code r} in sorted order. */
    private long orderStatistic(long r) {
      long seen = 0;
      for (int len = 0; len <= max; len++) {
        seen += counts[len];
        if (seen > r) {
          return len;
        }
      }
      throw new IllegalStateException("rank " + r + " out of " + n);
    }
  }
}
