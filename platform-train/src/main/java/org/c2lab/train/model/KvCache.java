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

  @Override
  void close();
}
