package org.c2lab.train.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.util.Arrays;
import org.c2lab.train.safetensors.SafetensorsException;
import org.c2lab.train.safetensors.TensorInfo;
import org.c2lab.train.safetensors.TensorSource;

/**
 * Copies checkpoint tensors into F32 native arrays. F32 and F16 go from the memory-mapped slice
 * straight into libtorch (one native copy, F16 widened by torch); BF16, which DJL's engine cannot
 * represent, is widened in Java into an off-heap buffer first. The returned arrays are not
 * registered in any {@link NDScope}: they live until their manager closes.
 */
public final class NativeWeights {
  private NativeWeights() {}

  /**
   * The tensor {@code name} as an F32 array of {@code expectedShape} owned by {@code manager}.
   *
   * @throws SafetensorsException naming the file and tensor when it is missing, has another shape
   *     or is not floating point
   */
  public static NDArray load(
      TensorSource source, String name, long[] expectedShape, NDManager manager)
      throws IOException {
    if (!source.contains(name)) {
      throw new SafetensorsException(
          source.location(),
          name,
          "missing; config.json implies it with shape " + Arrays.toString(expectedShape));
    }
    TensorInfo info = source.info(name);
    if (!Arrays.equals(info.dims(), expectedShape)) {
      throw new SafetensorsException(
          source.fileOf(name),
          name,
          "shape " + info.shape() + " but config.json implies " + Arrays.toString(expectedShape));
    }
    Shape shape = new Shape(expectedShape);
    NDArray result;
    switch (info.dtype()) {
      case F32 -> {
        try (NDArray mapped = manager.create(source.slice(name), shape, DataType.FLOAT32)) {
          result = mapped.duplicate(); // own the data: the mapping is read-only and may go away
        }
      }
      case F16 -> {
        try (NDArray mapped = manager.create(source.slice(name), shape, DataType.FLOAT16)) {
          result = mapped.toType(DataType.FLOAT32, true);
        }
      }
      case BF16 -> {
        try (NDArray widened =
            manager.create(source.readF32Direct(name), shape, DataType.FLOAT32)) {
          result = widened.duplicate();
        }
      }
      default ->
          throw new SafetensorsException(
              source.fileOf(name), name, "dtype " + info.dtype() + " is not F32, F16 or BF16");
    }
    NDScope.unregister(result);
    result.setName(name);
    return result;
  }
}
