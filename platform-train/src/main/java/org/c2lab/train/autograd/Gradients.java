package org.c2lab.train.autograd;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Reads and clears accumulated gradients. DJL's collector adds every backward pass into the arrays'
 * gradients and never clears them, which is what gradient accumulation needs; the trainer clears
 * them after each optimizer step.
 */
public final class Gradients {
  private Gradients() {}

  /**
   * The gradient of {@code value} (a new handle sharing the gradient's memory: close it), or null
   * when no backward pass has reached it yet.
   */
  public static NDArray of(NDArray value) {
    if (!value.hasGradient()) {
      return null;
    }
    return JniUtils.getGradient((PtNDArray) value); // null while undefined, unlike getGradient()
  }

  /** Sets the gradient of {@code value} to zero in place, if it has one. */
  public static void zero(NDArray value) {
    try (NDArray g = of(value)) {
      if (g != null) {
        JniUtils.zeroGrad((PtNDArray) value);
      }
    }
  }
}
