package org.c2lab.core.metrics;

/** A closed confidence interval [lower, upper]. */
public record Interval(double lower, double upper) {
  public Interval {
    if (Double.isNaN(lower) || Double.isNaN(upper) || lower > upper) {
      throw new IllegalArgumentException("not an interval: [" + lower + ", " + upper + "]");
    }
  }

  /** Whether {@code x} lies in the interval, bounds included. */
  public boolean contains(double x) {
    return lower <= x && x <= upper;
  }

  public double width() {
    return upper - lower;
  }
}
