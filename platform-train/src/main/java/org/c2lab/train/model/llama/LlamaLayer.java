package org.c2lab.train.model.llama;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One decoder layer's weights, in Hugging Face's {@code [out, in]} layout (what {@code linear}
 * takes). Biases are null when the family has none.
 */
record LlamaLayer(
    NDArray inputNorm,
    NDArray q,
    NDArray qBias,
    NDArray k,
    NDArray kBias,
    NDArray v,
    NDArray vBias,
    NDArray o,
    NDArray oBias,
    NDArray postNorm,
    NDArray gate,
    NDArray up,
    NDArray down) {
  LlamaLayer {
    Objects.requireNonNull(inputNorm);
    Objects.requireNonNull(q);
    Objects.requireNonNull(k);
    Objects.requireNonNull(v);
    Objects.requireNonNull(o);
    Objects.requireNonNull(postNorm);
    Objects.requireNonNull(gate);
    Objects.requireNonNull(up);
    Objects.requireNonNull(down);
  }

  /** The weights present (absent biases skipped), in checkpoint order. */
  List<NDArray> weights() {
    List<NDArray> out = new ArrayList<>();
    for (NDArray w :
        new NDArray[] {
          inputNorm, q, qBias, k, kBias, v, vBias, o, oBias, postNorm, gate, up, down
        }) {
      if (w != null) {
        out.add(w);
      }
    }
    return out;
  }
}
