package org.c2lab.train.model;

import ai.djl.ndarray.NDArray;
import java.util.Map;

/**
 * A {@link CausalLm} a trainer can update: its weights by name, and a {@link ProjectionHook} seam
 * for adapters. Gradients and in-place updates of the returned arrays act on the model itself.
 */
public interface TrainableLm extends CausalLm {

  /**
   * Every weight by its Hugging Face tensor name, in module order. A tied output head is the
   * embedding and is listed once, under {@code model.embed_tokens.weight}.
   */
  Map<String, NDArray> parameters();

  /** Installs {@code hook} on every decoder projection; null removes it. */
  void setProjectionHook(ProjectionHook hook);
}
