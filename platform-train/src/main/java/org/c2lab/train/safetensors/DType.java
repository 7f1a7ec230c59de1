package org.c2lab.train.safetensors;

import java.util.Arrays;
import java.util.Optional;

/** The element types of the safetensors header, with their sizes in bytes. */
public enum DType {
  BOOL(1),
  U8(1),
  I8(1),
  F8_E4M3(1),
  F8_E5M2(1),
  I16(2),
  U16(2),
  F16(2),
  BF16(2),
  I32(4),
  U32(4),
  F32(4),
  F64(8),
  I64(8),
  U64(8);

  private final int byteSize;

  DType(int byteSize) {
    this.byteSize = byteSize;
  }

  /** Bytes per element. */
  public int byteSize() {
    return byteSize;
  }

  /** Whether the runtime can turn this type into F32 ({@link HalfFloats}). */
  public boolean isFloatingPoint() {
    return this == F32 || this == F16 || this == BF16;
  }

  /** The type spelled as in a safetensors header ({@code "F32"}), if it is one. */
  public static Optional<DType> fromHeader(String name) {
    return Arrays.stream(values()).filter(d -> d.name().equals(name)).findFirst();
  }
}
