package org.c2lab.train.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.c2lab.train.model.NativeWeights;
import org.c2lab.train.safetensors.DType;
import org.c2lab.train.safetensors.HalfFloats;
import org.c2lab.train.safetensors.SafetensorsWriter;
import org.c2lab.train.safetensors.TensorSource;

/**
 * Moves native F32 arrays to and from safetensors files: streamed out in row blocks (a 152k x 3584
 * embedding is over 2 GB, more than one Java buffer holds), narrowed to F16 or BF16 when asked, and
 * read back into existing arrays in place.
 */
public final class NativeTensors {
  private static final long BLOCK_ELEMENTS = 1L << 24;

  private NativeTensors() {}

  /** The array's values as {@code dtype} (F32, F16 or BF16), written block by block. */
  public static SafetensorsWriter.TensorData data(NDArray array, DType dtype) {
    if (!dtype.isFloatingPoint()) {
      throw new IllegalArgumentException("cannot write floats as " + dtype);
    }
    return out -> {
      long[] shape = array.getShape().getShape();
      long rows = shape.length == 0 ? 1 : shape[0];
      long rowElements = rows == 0 ? 0 : array.size() / rows;
      long blockRows = Math.max(1, BLOCK_ELEMENTS / Math.max(1, rowElements));
      for (long r = 0; r < rows; r += blockRows) {
        try (NDScope scope = new NDScope()) {
          scope.suppressNotUsedWarning();
          NDArray block =
              shape.length == 0
                  ? array
                  : array.get(new NDIndex("{}:{}", r, Math.min(rows, r + blockRows)));
          ByteBuffer bytes =
              dtype == DType.F32
                  ? littleEndian(block)
                  : HalfFloats.encode(dtype, block.toFloatArray());
          while (bytes.hasRemaining()) {
            out.write(bytes);
          }
        }
      }
    };
  }

  private static ByteBuffer littleEndian(NDArray block) {
    ByteBuffer b = block.toByteBuffer();
    if (b.order() == ByteOrder.LITTLE_ENDIAN) {
      return b;
    }
    ByteBuffer le = ByteBuffer.allocate(b.remaining()).order(ByteOrder.LITTLE_ENDIAN);
    le.asFloatBuffer().put(b.asFloatBuffer());
    return le;
  }

  /** Copies tensor {@code name} of {@code source} into {@code target} in place (same shape). */
  public static void copyInto(TensorSource source, String name, NDArray target) throws IOException {
    try (NDArray loaded =
        NativeWeights.load(source, name, target.getShape().getShape(), target.getManager())) {
      target.set(new NDIndex(":"), loaded);
    }
  }
}
