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

  /** Frees the weights. */
  @Override
  void close();
}
