package org.c2lab.train.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How the runtime holds a checkpoint tensor that it does not hold under the checkpoint's own name
 * and layout: the tensor's rows are the {@link Piece}s stacked in order (Phi-3's {@code qkv_proj}:
 * the runtime's {@code q_proj}, {@code k_proj}, {@code v_proj}), each piece possibly with its rows
 * reordered at load (GLM's interleaved rotary rows of {@code q_proj} and {@code k_proj}). Export
 * and LoRA use it to go back from the runtime's tensors to the checkpoint's.
 *
 * @param name the checkpoint tensor name, e.g. {@code model.layers.0.self_attn.qkv_proj.weight}
 * @param pieces the runtime tensors its rows come from, in row order
 */
public record StoredTensor(String name, List<Piece> pieces) {
  public StoredTensor {
    Objects.requireNonNull(name, "name");
    pieces = List.copyOf(pieces);
    if (pieces.isEmpty()) {
      throw new IllegalArgumentException(name + ": no pieces");
    }
  }

  /**
   * Rows of a checkpoint tensor held by one runtime tensor.
   *
   * @param runtimeName the runtime tensor's name (Llama's layout)
   * @param rows its leading-dimension rows
   * @param order null when the rows are in checkpoint order; else runtime row {@code i} is the
   *     piece's checkpoint row {@code order[i]}
   */
  public record Piece(String runtimeName, long rows, int[] order) {
    public Piece {
      Objects.requireNonNull(runtimeName, "runtimeName");
      if (order != null && order.length != rows) {
        throw new IllegalArgumentException(
            runtimeName + ": a row order of " + order.length + " for " + rows + " rows");
      }
      order = order == null ? null : order.clone();
    }

    @Override
    public int[] order() {
      return order == null ? null : order.clone();
    }

    /** The inverse order: checkpoint row {@code j} is runtime row {@code inverse[j]}; or null. */
    public long[] inverseOrder() {
      if (order == null) {
        return null;
      }
      long[] inverse = new long[order.length];
      for (int i = 0; i < order.length; i++) {
        inverse[order[i]] = i;
      }
      return inverse;
    }
  }

  /**
   * {@code stacked} (the pieces' rows stacked in runtime order: a runtime tensor, or a LoRA {@code
   * B}) with each piece's rows put back in the checkpoint's order, as a new array in the current
   * scope; {@code stacked} itself when no piece is reordered.
   */
  public NDArray inCheckpointOrder(NDArray stacked) {
    if (pieces.stream().allMatch(p -> p.order() == null)) {
      return stacked;
    }
    NDList parts = new NDList();
    long offset = 0;
    for (Piece p : pieces) {
      NDArray rows =
          pieces.size() == 1
              ? stacked
              : stacked.get(new NDIndex("{}:{}", offset, offset + p.rows()));
      long[] inverse = p.inverseOrder();
      if (inverse != null) {
        NDArray index = rows.getManager().create(inverse);
        if (rows.getShape().dimension() > 1) {
          index = index.reshape(p.rows(), 1).broadcast(rows.getShape());
        }
        rows = rows.gather(index, 0);
      }
      parts.add(rows);
      offset += p.rows();
    }
    return parts.size() == 1 ? parts.head() : NDArrays.concat(parts, 0);
  }

  /**
   * The runtime tensors of the pieces (from {@code runtime}, by name) stacked and put in the
   * checkpoint's layout, as a new array in the current scope.
   */
  public NDArray assemble(Map<String, NDArray> runtime) {
    NDList parts = new NDList();
    for (Piece p : pieces) {
      NDArray a = runtime.get(p.runtimeName());
      if (a == null) {
        throw new IllegalArgumentException(name + ": no runtime tensor " + p.runtimeName());
      }
      parts.add(a);
    }
    return inCheckpointOrder(parts.size() == 1 ? parts.head() : NDArrays.concat(parts, 0));
  }

  /** The module name (the tensor name without {@code .weight} or {@code .bias}). */
  public String module() {
    return name.substring(0, name.lastIndexOf('.'));
  }
}
