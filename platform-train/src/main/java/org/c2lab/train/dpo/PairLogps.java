package org.c2lab.train.dpo;

import ai.djl.ndarray.NDArray;
import java.util.Objects;

/**
 * Sequence log-probabilities of the chosen and rejected responses of a batch of pairs, summed over
 * response tokens, with the number of those tokens.
 *
 * @param chosen {@code [pairs]} log-probabilities of the chosen responses
 * @param rejected {@code [pairs]} log-probabilities of the rejected responses
 * @param chosenTokens response tokens per chosen response (each > 0)
 * @param rejectedTokens response tokens per rejected response (each > 0)
 */
public record PairLogps(
    NDArray chosen, NDArray rejected, int[] chosenTokens, int[] rejectedTokens) {

  public PairLogps {
    Objects.requireNonNull(chosen, "chosen");
    Objects.requireNonNull(rejected, "rejected");
    long pairs = chosen.getShape().size();
    if (rejected.getShape().size() != pairs
        || chosenTokens.length != pairs
        || rejectedTokens.length != pairs) {
      throw new IllegalArgumentException(
          "chosen, rejected and token counts must all have one entry per pair");
    }
    for (int i = 0; i < pairs; i++) {
      if (chosenTokens[i] <= 0 || rejectedTokens[i] <= 0) {
        throw new IllegalArgumentException("pair " + i + " has an empty response");
      }
    }
    chosenTokens = chosenTokens.clone();
    rejectedTokens = rejectedTokens.clone();
  }

  /** The number of pairs. */
  public int pairs() {
    return chosenTokens.length;
  }

  /** Per-token averages instead of sums. */
  public PairLogps perToken() {
    return new PairLogps(
        chosen.div(counts(chosen, chosenTokens)),
        rejected.div(counts(rejected, rejectedTokens)),
        chosenTokens,
        rejectedTokens);
  }

  /** Total chosen response tokens. */
  public long chosenTokenTotal() {
    long t = 0;
    for (int c : chosenTokens) {
      t += c;
    }
    return t;
  }

  private static NDArray counts(NDArray like, int[] tokens) {
    // toType copies: the result owns native memory (no Java buffer under the graph).
    try (NDArray raw = like.getManager().create(tokens)) {
      return raw.toType(like.getDataType(), true).reshape(like.getShape());
    }
  }
}
