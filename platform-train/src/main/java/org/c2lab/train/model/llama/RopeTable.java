package org.c2lab.train.model.llama;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.c2lab.train.model.ModelConfig;
import org.c2lab.train.model.RotaryEmbedding;
import org.c2lab.train.model.RotaryEmbedding.Regime;

/**
 * cos/sin tables {@code [positions, rotaryDim]} on the model's device and in its dtype, one per
 * rotary {@link Regime} (the first built at once, later ones when first needed), built for the
 * positions used so far and doubled when a longer sequence comes (a 128k-position model does not
 * pay for 128k rows up front). Positions beyond {@code max_position_embeddings} are refused.
 */
final class RopeTable {
  private static final int INITIAL_POSITIONS = 2048;

  private final ModelConfig config;
  private final NDManager manager;
  private final DataType type;
  private final List<Regime> regimes;
  private final NDArray[] cos;
  private final NDArray[] sin;
  private final int[] positions;

  RopeTable(ModelConfig config, NDManager manager, DataType type) {
    this.config = config;
    this.manager = manager;
    this.type = type;
    this.regimes = RotaryEmbedding.regimes(config);
    this.cos = new NDArray[regimes.size()];
    this.sin = new NDArray[regimes.size()];
    this.positions = new int[regimes.size()];
    build(0, Math.min(INITIAL_POSITIONS, regimes.get(0).maxLength()));
  }

  private void build(int regime, int n) {
    RotaryEmbedding.CosSin cs = RotaryEmbedding.cosSin(regimes.get(regime), 0, n);
    Shape shape = new Shape(n, config.rotaryDim());
    NDArray newCos = typed(manager.create(cs.cos(), shape));
    NDArray newSin = typed(manager.create(cs.sin(), shape));
    NDScope.unregister(newCos, newSin);
    if (cos[regime] != null) {
      cos[regime].close();
      sin[regime].close();
    }
    cos[regime] = newCos;
    sin[regime] = newSin;
    positions[regime] = n;
  }

  private NDArray typed(NDArray f32) {
    if (type == DataType.FLOAT32) {
      return f32;
    }
    try (f32) {
      return f32.toType(type, true);
    }
  }

  /**
   * cos and sin rows for positions {@code [from, to)} of a forward pass whose sequence ends at
   * {@code to} (views, owned by the current scope).
   */
  synchronized NDArray[] slice(int from, int to) {
    if (to > config.maxPositionEmbeddings()) {
      throw new IllegalArgumentException(
          "position "
              + (to - 1)
              + " exceeds max_position_embeddings "
              + config.maxPositionEmbeddings());
    }
    int r = 0;
    while (to > regimes.get(r).maxLength() && r < regimes.size() - 1) {
      r++;
    }
    if (to > positions[r]) {
      int limit = Math.min(regimes.get(r).maxLength(), config.maxPositionEmbeddings());
      build(r, Math.min(limit, Math.max(to, Math.max(INITIAL_POSITIONS, 2 * positions[r]))));
    }
    NDIndex rows = new NDIndex("{}:{}", from, to);
    return new NDArray[] {cos[r].get(rows), sin[r].get(rows)};
  }
}
