package org.c2lab.train.model.llama;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
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
    int r = ensure(to);
    NDIndex rows = new NDIndex("{}:{}", from, to);
    return new NDArray[] {cos[r].get(rows), sin[r].get(rows)};
  }

  /**
   * cos and sin {@code [batch, 1, tokens, rotaryDim]} for per-row positions {@code [batch, tokens]}
   * (int64) of a padded forward pass whose sequence ends at {@code end} (the regime is chosen by
   * that padded end, as transformers chooses it by a batch's longest row), owned by the positions'
   * manager.
   */
  synchronized NDArray[] rows(NDArray positions, int end) {
    int r = ensure(end);
    Shape s = positions.getShape();
    Shape out = new Shape(s.get(0), 1, s.get(1), config.rotaryDim());
    return new NDArray[] {
      lookup(positions, cos[r]).reshape(out), lookup(positions, sin[r]).reshape(out)
    };
  }

  private static NDArray lookup(NDArray positions, NDArray table) {
    return positions
        .getNDArrayInternal()
        .embedding(positions, table, SparseFormat.DENSE)
        .singletonOrThrow();
  }

  /** Builds what a sequence ending at {@code to} needs; returns the index of its regime. */
  private int ensure(int to) {
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
    return r;
  }
}
