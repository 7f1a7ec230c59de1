package org.c2lab.train.dpo;

/**
 * The reference model's sequence log-probabilities of pairs, by data-set index: cached from a pass
 * before training ({@link CachedReference}) or computed alongside the policy ({@link
 * LiveReference}).
 */
public interface ReferenceModel {

  /**
   * Summed response log-probabilities of the pairs at {@code indices}.
   *
   * @return {chosen, rejected}, each one value per index
   */
  double[][] logps(int[] indices);
}
