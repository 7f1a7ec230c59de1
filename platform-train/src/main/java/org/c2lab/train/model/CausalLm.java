package org.c2lab.train.model;

import ai.djl.ndarray.NDArray;

/**
 * A decoder-only language model on DJL: token ids in, next-token logits out. Results belong to the
 * manager of the input ids, so a caller that runs each step inside an {@code NDScope} (or closes
 * the ids' manager) frees every intermediate array; the weights live in the model's own manager.
 */
public interface CausalLm extends AutoCloseable {

  /** The configuration the model was built from. */
  ModelConfig config();

  /** A cache for {@code batchSize} rows of up to {@code capacity} positions. */
  KvCache newCache(int batchSize, int capacity);

  /**
   * Runs {@code inputIds} (int64 {@code [batch, tokens]}) after the positions already in {@code
   * cache} (null: start at position 0, no cache) and appends their keys and values to it.
   *
   * @param lastOnly return only the last position's logits ({@code [batch, vocab]}) instead of all
   *     ({@code [batch, tokens, vocab]}); saves the vocabulary projection of the prompt
   * @return F32 logits
   */
  NDArray forward(NDArray inputIds, KvCache cache, boolean lastOnly);

  /**
   * Like {@link #forward(NDArray, KvCache, boolean)} for a batch of left-padded rows: the first
   * {@code leftPadding[b]} positions of row b (counted from the start of the sequence, cache
   * included) are padding. Padding keys are masked out of attention and the rotary position of row
   * b's token at sequence index j is {@code j - leftPadding[b]}, so every row computes what it
   * would compute alone. Padding positions produce unspecified (finite) outputs.
   *
   * <p>This default serves models without padding support: it accepts only all-zero padding.
   *
   * @param leftPadding one entry per batch row, each in {@code [0, sequence length)}; null means no
   *     padding
   */
  default NDArray forward(NDArray inputIds, int[] leftPadding, KvCache cache, boolean lastOnly) {
    if (leftPadding != null) {
      for (int pad : leftPadding) {
        if (pad != 0) {
          throw new UnsupportedOperationException(
              getClass().getSimpleName() + " does not support left padding");
        }
      }
    }
    return forward(inputIds, cache, lastOnly);
  }

  /** Frees the weights. */
  @Override
  void close();
}
