package org.c2lab.train.model.llama;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import org.c2lab.train.model.ModelConfig;
import org.c2lab.train.model.RotaryEmbedding;

/**
 * cos/sin tables {@code [positions, headDim]} on the model's device, built for the positions used
 * so far and doubled when a longer sequence comes (a 128k-position model does not pay for 128k rows
 * up front). Positions beyond {@code max_position_embeddings} are refused.
 */
final class RopeTable {
  private static final int INITIAL_POSITIONS = 2048;

  private final ModelConfig config;
  private final NDManager manager;
  private NDArray cos;
  private NDArray sin;
  private int positions;

  RopeTable(ModelConfig config, NDManager manager) {
    this.config = config;
    this.manager = manager;
    build(Math.min(INITIAL_POSITIONS, config.maxPositionEmbeddings()));
  }

  private void build(int n) {
    RotaryEmbedding.CosSin cs = RotaryEmbedding.cosSin(config, 0, n);
    Shape shape = new Shape(n, config.headDim());
    NDArray newCos = manager.create(cs.cos(), shape);
    NDArray newSin = manager.create(cs.sin(), shape);
    NDScope.unregister(newCos, newSin);
    if (cos != null) {
      cos.close();
      sin.close();
    }
    cos = newCos;
    sin = newSin;
    positions = n;
  }

  /** cos and sin rows for positions {@code [from, to)} (views, owned by the current scope). */
  synchronized NDArray[] slice(int from, int to) {
    if (to > config.maxPositionEmbeddings()) {
      throw new IllegalArgumentException(
          "position "
              + (to - 1)
              + " exceeds max_position_embeddings "
              + config.maxPositionEmbeddings());
    }
    if (to > positions) {
      build(Math.min(config.maxPositionEmbeddings(), Math.max(to, 2 * positions)));
    }
    NDIndex rows = new NDIndex("{}:{}", from, to);
    return new NDArray[] {cos.get(rows), sin.get(rows)};
  }
}
