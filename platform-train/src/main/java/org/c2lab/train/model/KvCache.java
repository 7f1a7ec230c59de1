package org.c2lab.train.model;

/**
 * The keys and values of the positions a {@link CausalLm} has already seen, so each decoding step
 * runs only the new tokens. Owns native memory: close it.
 */
public interface KvCache extends AutoCloseable {
  /** Positions stored so far (the position of the next token). */
  int length();

  /** The most positions it can hold. */
  int capacity();

  /** Batch rows. */
  int batchSize();

  /**
   * A new cache of the same capacity and length whose row i is a copy of this cache's row {@code
   * rows[i]}: expands a prefilled prompt to n samples, or drops finished rows. Rows may repeat.
   * This cache stays valid and must still be closed.
   *
   * <p>This default serves caches that cannot copy rows.
   */
  default KvCache selectRows(int[] rows) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot copy rows");
  }

  @Override
  void close();
}
