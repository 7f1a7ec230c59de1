package org.c2lab.core.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Builds outcome lists for tests. */
final class Outcomes {
  private Outcomes() {}

  /** Outcomes for one (request, k) from a pattern like "YNNY": one path per character. */
  static List<SampleOutcome> paths(String requestId, int k, String pattern) {
    List<SampleOutcome> out = new ArrayList<>();
    for (int p = 0; p < pattern.length(); p++) {
      out.add(new SampleOutcome(requestId, k, p, pattern.charAt(p) == 'Y'));
    }
    return out;
  }

  /** A run on the protocol's grid (k = 10..80) where each path is corrected with probability p. */
  static List<SampleOutcome> bernoulli(int requests, int pathsPerK, double p, long seed) {
    Random random = new Random(seed);
    List<SampleOutcome> out = new ArrayList<>();
    for (int r = 0; r < requests; r++) {
      for (int k = 10; k <= 80; k += 10) {
        for (int path = 0; path < pathsPerK; path++) {
          out.add(new SampleOutcome("req-" + r, k, path, random.nextDouble() < p));
        }
      }
    }
    return out;
  }
}
