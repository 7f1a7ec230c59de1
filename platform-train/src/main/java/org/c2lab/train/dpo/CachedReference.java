package org.c2lab.train.dpo;

/**
 * Reference log-probabilities of every pair of a data set, computed once.
 *
 * @param chosen per pair, in data-set order
 * @param rejected per pair, in data-set order
 */
public record CachedReference(double[] chosen, double[] rejected) implements ReferenceModel {
  public CachedReference {
    if (chosen.length != rejected.length) {
      throw new IllegalArgumentException(
          chosen.length + " chosen but " + rejected.length + " rejected values");
    }
    chosen = chosen.clone();
    rejected = rejected.clone();
  }

  /** Pairs covered. */
  public int size() {
    return chosen.length;
  }

  @Override
  public double[][] logps(int[] indices) {
    double[][] out = new double[2][indices.length];
    for (int i = 0; i < indices.length; i++) {
      out[0][i] = chosen[indices[i]];
      out[1][i] = rejected[indices[i]];
    }
    return out;
  }
}
