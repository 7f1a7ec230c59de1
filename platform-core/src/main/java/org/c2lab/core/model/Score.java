package org.c2lab.core.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * Log-probabilities (natural log) of a continuation's tokens.
 *
 * @param sum the total log-probability of the continuation
 * @param tokenLogProbs one entry per continuation token, in order
 */
public record Score(double sum, double[] tokenLogProbs) {
  public Score {
    tokenLogProbs = Objects.requireNonNull(tokenLogProbs, "tokenLogProbs").clone();
    if (Double.isNaN(sum) || Arrays.stream(tokenLogProbs).anyMatch(Double::isNaN)) {
      throw new IllegalArgumentException("log-probabilities must not be NaN");
    }
  }

  /** A score whose sum is that of {@code tokenLogProbs}. */
  public static Score of(double... tokenLogProbs) {
    return new Score(Arrays.stream(tokenLogProbs).sum(), tokenLogProbs);
  }

  @Override
  public double[] tokenLogProbs() {
    return tokenLogProbs.clone();
  }

  /** Number of scored tokens. */
  public int tokens() {
    return tokenLogProbs.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Score s
        && Double.compare(sum, s.sum) == 0
        && Arrays.equals(tokenLogProbs, s.tokenLogProbs);
  }

  @Override
  public int hashCode() {
    return 31 * Double.hashCode(sum) + Arrays.hashCode(tokenLogProbs);
  }

  @Override
  public String toString() {
    return "Score[sum=" + sum + ", tokenLogProbs=" + Arrays.toString(tokenLogProbs) + "]";
  }
}
