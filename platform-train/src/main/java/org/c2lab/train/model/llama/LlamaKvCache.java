package org.c2lab.train.model.llama;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.c2lab.train.model.KvCache;

/**
 * Preallocated keys and values, {@code [batch, kvHeads, capacity, headDim]} per layer in the
 * model's dtype, written in place: a decoding step costs no allocation and no copy of the past.
 */
final class LlamaKvCache implements KvCache {
  private final NDManager manager;
  private final NDArray[] keys;
  private final NDArray[] values;
  private final int batchSize;
  private final int capacity;
  private int length;

  LlamaKvCache(
      NDManager parent,
      int layers,
      int batchSize,
      int kvHeads,
      int headDim,
      int capacity,
      DataType type) {
    this.manager = parent.newSubManager();
    this.batchSize = batchSize;
    this.capacity = capacity;
    this.keys = new NDArray[layers];
    this.values = new NDArray[layers];
    Shape shape = new Shape(batchSize, kvHeads, capacity, headDim);
    for (int l = 0; l < layers; l++) {
      keys[l] = manager.zeros(shape, type);
      values[l] = manager.zeros(shape, type);
    }
    // Not part of whatever NDScope the caller has open: the cache outlives steps.
    NDScope.unregister(keys);
    NDScope.unregister(values);
  }

  private LlamaKvCache(LlamaKvCache source, int[] rows) {
    this.manager = source.manager.getParentManager().newSubManager();
    this.batchSize = rows.length;
    this.capacity = source.capacity;
    this.length = source.length;
    this.keys = new NDArray[source.keys.length];
    this.values = new NDArray[source.values.length];
    long[] index = new long[rows.length];
    for (int i = 0; i < rows.length; i++) {
      if (rows[i] < 0 || rows[i] >= source.batchSize) {
        throw new IllegalArgumentException(
            "row " + rows[i] + " of a " + source.batchSize + "-row cache");
      }
      index[i] = rows[i];
    }
    NDArray at = manager.create(index);
    NDScope.unregister(at);
    for (int l = 0; l < keys.length; l++) {
      // Advanced indexing copies: the new cache shares no storage with the source.
      keys[l] = source.keys[l].get(manager, new NDIndex("{}", at));
      values[l] = source.values[l].get(manager, new NDIndex("{}", at));
    }
    NDScope.unregister(keys);
    NDScope.unregister(values);
    at.close();
  }

  @Override
  public KvCache selectRows(int[] rows) {
    if (rows.length == 0) {
      throw new IllegalArgumentException("no rows selected");
    }
    return new LlamaKvCache(this, rows);
  }

  /** Writes {@code [batch, kvHeads, tokens, headDim]} keys and values at {@link #length()}. */
  void write(int layer, NDArray k, NDArray v) {
    long tokens = k.getShape().get(2);
    NDIndex at = new NDIndex(":, :, {}:{}", length, length + tokens);
    keys[layer].set(at, k);
    values[layer].set(at, v);
  }

  /** Views of the first {@code positions} keys and values of a layer. */
  NDArray[] read(int layer, int positions) {
    NDIndex upTo = new NDIndex(":, :, :{}", positions);
    return new NDArray[] {keys[layer].get(upTo), values[layer].get(upTo)};
  }

  /** Moves the end past {@code tokens} just written to every layer. */
  void advance(int tokens) {
    length += tokens;
  }

  void checkRoom(int tokens) {
    if (length + tokens > capacity) {
      throw new IllegalStateException(
          "KV cache full: "
              + length
              + " + "
              + tokens
              + " positions exceed its capacity "
              + capacity);
    }
  }

  @Override
  public int length() {
    return length;
  }

  @Override
  public int capacity() {
    return capacity;
  }

  @Override
  public int batchSize() {
    return batchSize;
  }

  @Override
  public void close() {
    manager.close();
  }
}
