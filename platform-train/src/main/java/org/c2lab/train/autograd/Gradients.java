package org.c2lab.train.autograd;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.List;

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

  /**
   * The gradient of {@code working} in {@code masterType}: the gradient handle itself when the
   * dtypes agree (close it), else a widened copy; null when no backward pass has reached it yet.
   */
  public static NDArray of(NDArray working, DataType masterType) {
    NDArray g = of(working);
    if (g == null || g.getDataType() == masterType) {
      return g;
    }
    try (g) {
      return g.toType(masterType, true);
    }
  }

  /** Whether every element of every non-null array is finite (no inf, no NaN). */
  public static boolean allFinite(List<NDArray> arrays) {
    for (NDArray a : arrays) {
      if (a == null) {
        continue;
      }
      try (NDArray inf = a.isInfinite();
          NDArray nan = a.isNaN();
          NDArray bad = inf.logicalOr(nan);
          NDArray any = bad.any()) {
        if (any.getBoolean()) {
          return false;
        }
      }
    }
    return true;
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
