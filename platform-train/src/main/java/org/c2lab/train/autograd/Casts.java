package org.c2lab.train.autograd;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Dtype changes between F16 and F32 that autograd records. DJL's {@code toType} runs without
 * gradient tracking (its result has no {@code grad_fn}: checked on DJL 0.36 + PyTorch 2.7.1), so a
 * graph cast with it is cut there. Two ops that torch does record give the same values:
 *
 * <ul>
 *   <li>widening: {@code x * ones([1], F32)} (a dimensioned F32 operand promotes the product to
 *       F32; the backward casts the gradient back to x's dtype);
 *   <li>narrowing: {@code zeros(shape, F16).add_(x)} (an in-place op keeps its target's dtype; the
 *       sum is rounded to nearest like {@code toType}; the backward widens the gradient to x's).
 * </ul>
 *
 * Other dtypes (integer ids, booleans) use {@code toType}: they carry no gradient. Results belong
 * to x's manager.
 */
public final class Casts {
  private Casts() {}

  /** {@code x} as {@code target}, itself when it already is; recorded by autograd for F16/F32. */
  public static NDArray to(NDArray x, DataType target) {
    DataType from = x.getDataType();
    if (from == target) {
      return x;
    }
    if (!isHalfOrSingle(from) || !isHalfOrSingle(target)) {
      return x.toType(target, false);
    }
    Shape shape = x.getShape();
    if (target == DataType.FLOAT32) {
      try (NDArray one = x.getManager().ones(new Shape(1), DataType.FLOAT32)) {
        NDArray wide = shape.dimension() == 0 ? x.reshape(1).mul(one) : x.mul(one);
        return shape.dimension() == 0 ? wide.reshape(shape) : wide;
      }
    }
    return x.getManager().zeros(shape, target).addi(x);
  }

  private static boolean isHalfOrSingle(DataType t) {
    return t == DataType.FLOAT16 || t == DataType.FLOAT32;
  }
}
