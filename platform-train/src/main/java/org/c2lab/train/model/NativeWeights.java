package org.c2lab.train.model;

import static ai.djl.ndarray.types.DataType.FLOAT16;
import static ai.djl.ndarray.types.DataType.FLOAT32;

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
 * Copies checkpoint tensors into F32 (CPU) or F16 (GPU) native arrays. F32 and F16 go from the
 * memory-mapped slice straight into libtorch (one native copy, converted by torch); BF16, which
 * DJL's engine cannot represent, is widened in Java into an off-heap F32 buffer first. The returned
 * arrays are not registered in any {@link NDScope}: they live until their manager closes.
 */
public final class NativeWeights {
  private NativeWeights() {}

  /** {@link #load(TensorSource, String, long[], NDManager, DataType)} as F32. */
  public static NDArray load(
      TensorSource source, String name, long[] expectedShape, NDManager manager)
      throws IOException {
    return load(source, name, expectedShape, manager, DataType.FLOAT32);
  }

  /**
   * The tensor {@code name} as an array of {@code expectedShape} and {@code type} ({@code FLOAT32}
   * or {@code FLOAT16}) owned by {@code manager}, on its device.
   *
   * @throws SafetensorsException naming the file and tensor when it is missing, has another shape
   *     or is not floating point
   */
  public static NDArray load(
      TensorSource source, String name, long[] expectedShape, NDManager manager, DataType type)
      throws IOException {
    if (type != DataType.FLOAT32 && type != DataType.FLOAT16) {
      throw new IllegalArgumentException("weights are loaded as FLOAT32 or FLOAT16, not " + type);
    }
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
      case F32 -> result = convert(manager.create(source.slice(name), shape, FLOAT32), type);
      case F16 -> result = convert(manager.create(source.slice(name), shape, FLOAT16), type);
      case BF16 ->
          result = convert(manager.create(source.readF32Direct(name), shape, FLOAT32), type);
      default ->
          throw new SafetensorsException(
              source.fileOf(name), name, "dtype " + info.dtype() + " is not F32, F16 or BF16");
    }
    NDScope.unregister(result);
    result.setName(name);
    return result;
  }

  /**
   * An owned copy of {@code source} as {@code type}; closes {@code source}. The copy matters: the
   * source may be a zero-copy view of a read-only mapping that goes away with the checkpoint.
   */
  private static NDArray convert(NDArray source, DataType type) {
    try (source) {
      return source.getDataType() == type ? source.duplicate() : source.toType(type, true);
    }
  }
}
