package org.c2lab.train.safetensors;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Bit-exact conversions between F32 and the 16-bit floats F16 (IEEE binary16) and BF16 (bfloat16).
 * Widening is exact; narrowing rounds to nearest, ties to even, as PyTorch does. DJL's PyTorch
 * engine has no bfloat16 (a BF16 tensor aborts the JVM), so BF16 checkpoints are widened here.
 */
public final class HalfFloats {
  private HalfFloats() {}

  /** The F32 value of a BF16 bit pattern: the same bits in the upper half. Exact. */
  public static float bf16ToF32(short bits) {
    return Float.intBitsToFloat((bits & 0xffff) << 16);
  }

  /** The nearest BF16 (ties to even); NaN stays NaN (quiet), infinities stay infinite. */
  public static short f32ToBf16(float value) {
    int bits = Float.floatToRawIntBits(value);
    if (Float.isNaN(value)) {
      return (short) ((bits >>> 16) | 0x40);
    }
    int roundingBias = 0x7fff + ((bits >>> 16) & 1);
    return (short) ((bits + roundingBias) >>> 16);
  }

  /** The F32 value of an F16 bit pattern, including subnormals, infinities and NaN. Exact. */
  public static float f16ToF32(short bits) {
    int h = bits & 0xffff;
    int sign = (h & 0x8000) << 16;
    int exp = (h >>> 10) & 0x1f;
    int mant = h & 0x3ff;
    if (exp == 0x1f) {
      return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
    }
    if (exp == 0) {
      // Subnormal (or zero): mant * 2^-24, exact in F32.
      float v = mant * 0x1p-24f;
      return sign != 0 ? -v : v;
    }
    return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
  }

  /** The nearest F16 (ties to even); overflow gives infinity, underflow gives (signed) zero. */
  public static short f32ToF16(float value) {
    int bits = Float.floatToRawIntBits(value);
    int sign = (bits >>> 16) & 0x8000;
    int exp = (bits >>> 23) & 0xff;
    int mant = bits & 0x7fffff;
    if (exp == 0xff) {
      return (short) (sign | 0x7c00 | (mant != 0 ? 0x200 | (mant >>> 13) : 0));
    }
    int e = exp - 112; // rebias from 127 to 15
    if (e >= 0x1f) {
      return (short) (sign | 0x7c00);
    }
    if (e <= 0) {
      if (e < -10) {
        return (short) sign;
      }
      // Result is subnormal: shift the 24-bit significand down to units of 2^-24.
      int significand = mant | 0x800000;
      int shift = 14 - e;
      return (short) (sign | roundShift(significand, shift));
    }
    // A carry out of the mantissa correctly bumps the exponent (up to infinity).
    return (short) (sign | roundShift((e << 23) | mant, 13));
  }

  private static int roundShift(int value, int shift) {
    int kept = value >>> shift;
    int rest = value & ((1 << shift) - 1);
    int half = 1 << (shift - 1);
    if (rest > half || (rest == half && (kept & 1) != 0)) {
      kept++;
    }
    return kept;
  }

  /**
   * Widens {@code count} elements of {@code source} (read from its position, little-endian) into
   * {@code target} as little-endian F32, starting at the target's position. Neither buffer's
   * position moves.
   */
  public static void widenToF32(DType dtype, ByteBuffer source, ByteBuffer target, int count) {
    ByteBuffer src = source.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer dst = target.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    int s = src.position();
    int t = dst.position();
    switch (dtype) {
      case F32 -> {
        for (int i = 0; i < count; i++) {
          dst.putInt(t + 4 * i, src.getInt(s + 4 * i));
        }
      }
      case BF16 -> {
        for (int i = 0; i < count; i++) {
          dst.putInt(t + 4 * i, (src.getShort(s + 2 * i) & 0xffff) << 16);
        }
      }
      case F16 -> {
        for (int i = 0; i < count; i++) {
          dst.putFloat(t + 4 * i, f16ToF32(src.getShort(s + 2 * i)));
        }
      }
      default -> throw new IllegalArgumentException(dtype + " is not a floating-point type");
    }
  }

  /** Narrows F32 values to {@code dtype} (F32, F16 or BF16) little-endian bytes. */
  public static ByteBuffer encode(DType dtype, float[] values) {
    ByteBuffer out =
        ByteBuffer.allocate(values.length * dtype.byteSize()).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      switch (dtype) {
        case F32 -> out.putFloat(v);
        case F16 -> out.putShort(f32ToF16(v));
        case BF16 -> out.putShort(f32ToBf16(v));
        default -> throw new IllegalArgumentException(dtype + " is not a floating-point type");
      }
    }
    return out.flip();
  }
}
