package org.c2lab.train.model;

import ai.djl.ndarray.NDArray;

/**
 * Changes the output of a decoder layer's linear projections (q/k/v/o, gate/up/down): the seam
 * through which LoRA adapters enter a frozen base model without a second copy of it. It runs inside
 * the model's forward pass and {@code NDScope}; keep the activations on the left of every op so
 * results belong to the activations' manager, never the weights'.
 */
@FunctionalInterface
public interface ProjectionHook {
  /**
   * The projection's output to use.
   *
   * @param weightName the Hugging Face name of the projection's weight, e.g. {@code
   *     model.layers.0.self_attn.q_proj.weight}
   * @param input the projection's input {@code [..., in]}
   * @param output {@code input W^T (+ b)}, {@code [..., out]}
   * @return {@code output} itself, or {@code output} plus a term of the same shape
   */
  NDArray apply(String weightName, NDArray input, NDArray output);
}
