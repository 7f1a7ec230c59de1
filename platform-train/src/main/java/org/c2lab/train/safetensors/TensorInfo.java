package org.c2lab.train.safetensors;

import java.util.List;
import java.util.Objects;

/**
 * One entry of a safetensors header.
 *
 * @param name the tensor's name, e.g. {@code model.layers.0.self_attn.q_proj.weight}
 * @param dtype element type
 * @param shape dimensions, outermost first (empty for a scalar)
 * @param begin first byte, relative to the start of the data section
 * @param end one past the last byte, relative to the start of the data section
 */
public record TensorInfo(String name, DType dtype, List<Long> shape, long begin, long end) {
  public TensorInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(dtype, "dtype");
    shape = List.copyOf(shape);
    if (begin < 0 || end < begin) {
      throw new IllegalArgumentException(name + ": bad data_offsets [" + begin + ", " + end + "]");
    }
  }

  /** The number of elements: the product of the dimensions (1 for a scalar). */
  public long elementCount() {
    long n = 1;
    for (long d : shape) {
      n = Math.multiplyExact(n, d);
    }
    return n;
  }

  /** {@code end - begin}. */
  public long byteSize() {
    return end - begin;
  }

  /** The shape as an array, as DJL's {@code Shape} takes it. */
  public long[] dims() {
    return shape.stream().mapToLong(Long::longValue).toArray();
  }
}
