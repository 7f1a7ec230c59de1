package org.c2lab.train.safetensors;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.SortedSet;

/** Named tensors on disk: one safetensors file or a sharded checkpoint. */
public interface TensorSource extends AutoCloseable {

  /** All tensor names, sorted. */
  SortedSet<String> names();

  /** Whether a tensor of that name exists. */
  default boolean contains(String name) {
    return names().contains(name);
  }

  /** The header entry of a tensor; {@link IllegalArgumentException} naming it when absent. */
  TensorInfo info(String name);

  /** The file holding the tensor. */
  Path fileOf(String name);

  /** The file that names all tensors (the single file, or the shard index): for messages. */
  Path location();

  /**
   * The tensor's raw bytes as a read-only, little-endian, memory-mapped buffer (position 0, limit
   * its byte size). Nothing is copied into the Java heap.
   */
  ByteBuffer slice(String name) throws IOException;

  /**
   * The tensor as F32 values in a new direct (native, off-heap) buffer; F16 and BF16 are widened
   * exactly. Throws {@link SafetensorsException} for a non-floating-point tensor.
   */
  default ByteBuffer readF32Direct(String name) throws IOException {
    TensorInfo info = info(name);
    requireFloat(info);
    ByteBuffer src = slice(name);
    int count = Math.toIntExact(info.elementCount());
    ByteBuffer dst = ByteBuffer.allocateDirect(count * 4).order(ByteOrder.LITTLE_ENDIAN);
    HalfFloats.widenToF32(info.dtype(), src, dst, count);
    return dst;
  }

  /** The tensor as F32 values on the Java heap: for small tensors and tests. */
  default float[] readFloats(String name) throws IOException {
    TensorInfo info = info(name);
    requireFloat(info);
    int count = Math.toIntExact(info.elementCount());
    ByteBuffer dst = ByteBuffer.allocate(count * 4).order(ByteOrder.LITTLE_ENDIAN);
    HalfFloats.widenToF32(info.dtype(), slice(name), dst, count);
    float[] out = new float[count];
    dst.asFloatBuffer().get(out);
    return out;
  }

  private void requireFloat(TensorInfo info) throws SafetensorsException {
    if (!info.dtype().isFloatingPoint()) {
      throw new SafetensorsException(
          fileOf(info.name()),
          info.name(),
          "dtype " + info.dtype() + " is not a floating-point type (F32, F16, BF16)");
    }
  }

  @Override
  void close() throws IOException;
}
