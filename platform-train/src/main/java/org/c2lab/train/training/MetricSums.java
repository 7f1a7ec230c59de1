package org.c2lab.train.training;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Weighted sums of metrics over the micro-batches of a step, so that a step's value is the mean
 * over all its examples however they were split (e.g. {@code rewards/chosen} summed over pairs and
 * weighted by the pair count). Not thread-safe.
 */
public final class MetricSums {
  private final Map<String, double[]> sums = new LinkedHashMap<>();

  /** Adds {@code sum} to the metric's total and {@code weight} to its weight. */
  public MetricSums add(String name, double sum, double weight) {
    double[] s = sums.computeIfAbsent(name, k -> new double[2]);
    s[0] += sum;
    s[1] += weight;
    return this;
  }

  /** Adds every metric of {@code other}. */
  public MetricSums addAll(MetricSums other) {
    other.sums.forEach((name, s) -> add(name, s[0], s[1]));
    return this;
  }

  /** Each metric's weighted mean (NaN for zero weight), in insertion order. */
  public Map<String, Double> means() {
    Map<String, Double> out = new LinkedHashMap<>();
    sums.forEach((name, s) -> out.put(name, s[1] == 0 ? Double.NaN : s[0] / s[1]));
    return out;
  }
}
