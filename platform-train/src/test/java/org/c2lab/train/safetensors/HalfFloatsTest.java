package org.c2lab.train.safetensors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class HalfFloatsTest {

  private static ByteBuffer allPatterns() {
    ByteBuffer b = ByteBuffer.allocate(2 * 65536).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < 65536; i++) {
      b.putShort((short) i);
    }
    return b.flip();
  }

  @Test
  void bf16WideningPutsEveryPatternInTheUpperHalfBitExactly() {
    ByteBuffer out = ByteBuffer.allocateDirect(4 * 65536).order(ByteOrder.LITTLE_ENDIAN);
    HalfFloats.widenToF32(DType.BF16, allPatterns(), out, 65536);
    for (int i = 0; i < 65536; i++) {
      assertEquals(i << 16, out.getInt(4 * i), "pattern " + i);
    }
  }

  @Test
  void bf16KnownValues() {
    assertEquals(1.0f, HalfFloats.bf16ToF32((short) 0x3F80));
    assertEquals(-2.0f, HalfFloats.bf16ToF32((short) 0xC000));
    assertEquals(3.140625f, HalfFloats.bf16ToF32((short) 0x4049));
    assertEquals(0x1p-133f, HalfFloats.bf16ToF32((short) 0x0001));
    assertEquals(Float.POSITIVE_INFINITY, HalfFloats.bf16ToF32((short) 0x7F80));
    assertTrue(Float.isNaN(HalfFloats.bf16ToF32((short) 0x7FC0)));
  }

  @Test
  void bf16NarrowingRoundsToNearestEvenAndRoundTripsEveryNonNanPattern() {
    for (int i = 0; i < 65536; i++) {
      float f = HalfFloats.bf16ToF32((short) i);
      if (!Float.isNaN(f)) {
        assertEquals((short) i, HalfFloats.f32ToBf16(f), "pattern " + i);
      }
    }
    // 1 + 2^-8 is exactly halfway between 1 and 1 + 2^-7: ties go to the even mantissa (1.0).
    assertEquals((short) 0x3F80, HalfFloats.f32ToBf16(1f + 0x1p-8f));
    // 1 + 3 * 2^-8 is halfway between 1 + 2^-7 (odd) and 1 + 2^-6 (even).
    assertEquals((short) 0x3F82, HalfFloats.f32ToBf16(1f + 3 * 0x1p-8f));
    assertEquals((short) 0x3F81, HalfFloats.f32ToBf16(1f + 0x1p-8f + 0x1p-20f));
    assertTrue(Float.isNaN(HalfFloats.bf16ToF32(HalfFloats.f32ToBf16(Float.NaN))));
  }

  @Test
  void f16WideningMatchesKnownValuesIncludingSubnormalsAndSpecials() {
    assertEquals(1.0f, HalfFloats.f16ToF32((short) 0x3C00));
    assertEquals(-2.0f, HalfFloats.f16ToF32((short) 0xC000));
    assertEquals(65504f, HalfFloats.f16ToF32((short) 0x7BFF));
    assertEquals(0x1p-24f, HalfFloats.f16ToF32((short) 0x0001));
    assertEquals(0x1p-14f - 0x1p-24f, HalfFloats.f16ToF32((short) 0x03FF));
    assertEquals(0x1p-14f, HalfFloats.f16ToF32((short) 0x0400));
    assertEquals(
        Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(HalfFloats.f16ToF32((short) 0x8000)));
    assertEquals(Float.NEGATIVE_INFINITY, HalfFloats.f16ToF32((short) 0xFC00));
    assertTrue(Float.isNaN(HalfFloats.f16ToF32((short) 0x7E00)));
  }

  @Test
  void f16RoundTripsEveryNonNanPatternThroughF32AndBulkWideningAgrees() {
    ByteBuffer out = ByteBuffer.allocate(4 * 65536).order(ByteOrder.LITTLE_ENDIAN);
    HalfFloats.widenToF32(DType.F16, allPatterns(), out, 65536);
    for (int i = 0; i < 65536; i++) {
      float f = HalfFloats.f16ToF32((short) i);
      assertEquals(Float.floatToRawIntBits(f), out.getInt(4 * i), "pattern " + i);
      if (Float.isNaN(f)) {
        // NaN stays NaN (quieted, as hardware conversions do); its payload is not promised.
        assertTrue(Float.isNaN(HalfFloats.f16ToF32(HalfFloats.f32ToF16(f))), "pattern " + i);
      } else {
        assertEquals((short) i, HalfFloats.f32ToF16(f), "pattern " + i);
      }
    }
  }

  @Test
  void f16NarrowingRoundsToNearestEvenOverflowsToInfinityAndUnderflowsToZero() {
    // 1 + 2^-11 is halfway between 1 and 1 + 2^-10: ties to even (1.0).
    assertEquals((short) 0x3C00, HalfFloats.f32ToF16(1f + 0x1p-11f));
    assertEquals((short) 0x3C02, HalfFloats.f32ToF16(1f + 3 * 0x1p-11f));
    assertEquals((short) 0x7BFF, HalfFloats.f32ToF16(65519.99f));
    assertEquals((short) 0x7C00, HalfFloats.f32ToF16(65520f));
    assertEquals((short) 0x0000, HalfFloats.f32ToF16(0x1p-25f));
    assertEquals((short) 0x0001, HalfFloats.f32ToF16(0x1p-25f + 0x1p-35f));
    assertEquals((short) 0x0002, HalfFloats.f32ToF16(3 * 0x1p-25f));
    assertEquals((short) 0x8000, HalfFloats.f32ToF16(-1e-30f));
    assertEquals((short) 0x0400, HalfFloats.f32ToF16(0x1p-14f - 0x1p-26f));
  }
}
