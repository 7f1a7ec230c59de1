package org.c2lab.core.metrics;

import java.util.Comparator;
import java.util.Objects;

/**
 * Identifies one sampled path of C2-Eval: request, prefix length k, and path index. Two runs are
 * paired when they hold outcomes for the same keys.
 */
public record SampleKey(String requestId, int k, int path) implements Comparable<SampleKey> {
  private static final Comparator<SampleKey> ORDER =
      Comparator.comparing(SampleKey::requestId)
          .thenComparingInt(SampleKey::k)
          .thenComparingInt(SampleKey::path);

  public SampleKey {
    Objects.requireNonNull(requestId, "requestId");
    if (requestId.isBlank()) {
      throw new IllegalArgumentException("requestId must not be blank");
    }
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, was " + k);
    }
    if (path < 0) {
      throw new IllegalArgumentException("path must be >= 0, was " + path);
    }
  }

  @Override
  public int compareTo(SampleKey other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return requestId + "/k=" + k + "/path=" + path;
  }
}
