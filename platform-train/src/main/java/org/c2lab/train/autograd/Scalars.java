package org.c2lab.train.autograd;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Scalar constants as native arrays. DJL's {@code array.mul(0.1)} wraps the Java number in a tensor
 * that views a Java buffer and closes it right after the op; autograd keeps that tensor for the
 * backward pass and then reads freed memory (silent NaNs, ../shared/docs/djl-notes.md trap 1).
 * These constants own native memory, so the graph may hold them as long as it likes.
 */
public final class Scalars {
  private Scalars() {}

  /** {@code value} as a 0-d array of {@code type} owned by {@code manager}, in its own memory. */
  public static NDArray of(NDManager manager, double value, DataType type) {
    try (NDArray wrapped = manager.create(new double[] {value}, new Shape())) {
      return wrapped.toType(type, true); // a native copy: no Java buffer behind it
    }
  }

  /** {@code value} in the manager and type of {@code like}. */
  public static NDArray like(NDArray like, double value) {
    return of(like.getManager(), value, like.getDataType());
  }
}
