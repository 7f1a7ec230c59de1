package org.c2lab.train.safetensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsRoundTripTest {
  @TempDir Path dir;

  /** A file built byte by byte from the specification, independent of our writer. */
  static byte[] handMadeFile() {
    String json =
        "{\"__metadata__\":{\"format\":\"pt\"},"
            + "\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
            + "\"b\":{\"dtype\":\"BF16\",\"shape\":[1,2],\"data_offsets\":[8,12]}}";
    while (json.length() % 8 != 0) {
      json += " ";
    }
    byte[] header = json.getBytes(StandardCharsets.US_ASCII);
    ByteBuffer b = ByteBuffer.allocate(8 + header.length + 12).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(header.length).put(header);
    b.putFloat(1.0f).putFloat(-2.5f);
    b.putShort((short) 0x3F80).putShort((short) 0xC0A0); // 1.0, -5.0
    return b.array();
  }

  @Test
  void readsAHandMadeGoldenFile() throws Exception {
    Path f = Files.write(dir.resolve("golden.safetensors"), handMadeFile());
    try (SafetensorsFile st = SafetensorsFile.open(f)) {
      assertEquals(List.of("a", "b"), List.copyOf(st.names()));
      assertEquals(Map.of("format", "pt"), st.metadata());
      assertArrayEquals(new float[] {1.0f, -2.5f}, st.readFloats("a"));
      assertEquals(DType.BF16, st.info("b").dtype());
      assertEquals(List.of(1L, 2L), st.info("b").shape());
      assertArrayEquals(new float[] {1.0f, -5.0f}, st.readFloats("b"));
    }
  }

  @Test
  void writerReproducesTheHandMadeFileByteForByte() throws Exception {
    ByteBuffer bf16 = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
    bf16.putShort((short) 0x3F80).putShort((short) 0xC0A0).flip();
    Path f =
        SafetensorsWriter.builder()
            .metadata("format", "pt")
            .add("b", DType.BF16, new long[] {1, 2}, bf16)
            .addFloats("a", DType.F32, new long[] {2}, new float[] {1.0f, -2.5f})
            .write(dir.resolve("ours.safetensors"));
    assertArrayEquals(handMadeFile(), Files.readAllBytes(f));
  }

  @Test
  void headerIsPaddedSoTheDataStartsOnAnEightByteBoundary() throws Exception {
    for (int n = 1; n <= 9; n++) {
      Path f =
          SafetensorsWriter.builder()
              .addFloats("t".repeat(n), DType.F32, new long[] {1}, new float[] {n})
              .write(dir.resolve("p" + n + ".safetensors"));
      try (SafetensorsFile st = SafetensorsFile.open(f)) {
        assertEquals(0, st.header().dataStart() % 8, "name length " + n);
        assertArrayEquals(new float[] {n}, st.readFloats("t".repeat(n)));
      }
    }
  }

  @Test
  void f32F16AndBf16RoundTripThroughOurWriterAndReader() throws Exception {
    float[] values = {0f, 1f, -1.5f, 3.140625f, 65504f, 1e-3f, -0f};
    Path f =
        SafetensorsWriter.builder()
            .addFloats("f32", DType.F32, new long[] {7}, values)
            .addFloats("f16", DType.F16, new long[] {7}, values)
            .addFloats("bf16", DType.BF16, new long[] {7}, values)
            .addFloats("scalar", DType.F32, new long[] {}, new float[] {42f})
            .addFloats("empty", DType.F16, new long[] {0, 3}, new float[0])
            .write(dir.resolve("m.safetensors"));
    try (SafetensorsFile st = SafetensorsFile.open(f)) {
      assertEquals(List.of("bf16", "empty", "f16", "f32", "scalar"), List.copyOf(st.names()));
      assertArrayEquals(values, st.readFloats("f32"));
      for (int i = 0; i < values.length; i++) {
        assertEquals(HalfFloats.f16ToF32(HalfFloats.f32ToF16(values[i])), st.readFloats("f16")[i]);
        assertEquals(
            HalfFloats.bf16ToF32(HalfFloats.f32ToBf16(values[i])), st.readFloats("bf16")[i]);
      }
      assertArrayEquals(new float[] {42f}, st.readFloats("scalar"));
      assertEquals(0, st.readFloats("empty").length);
      ByteBuffer direct = st.readF32Direct("bf16");
      assertTrue(direct.isDirect());
      assertEquals(3.140625f, direct.getFloat(3 * 4));
      ByteBuffer slice = st.slice("f16");
      assertTrue(slice.isDirect() && slice.isReadOnly());
      assertEquals(14, slice.remaining());
    }
  }

  @Test
  void shardedCheckpointIsReadThroughItsIndex() throws Exception {
    SafetensorsWriter.builder()
        .addFloats("x.a", DType.F32, new long[] {2}, new float[] {1, 2})
        .write(dir.resolve("model-00001-of-00002.safetensors"));
    SafetensorsWriter.builder()
        .addFloats("x.b", DType.BF16, new long[] {1}, new float[] {3})
        .addFloats("x.c", DType.F16, new long[] {1}, new float[] {4})
        .write(dir.resolve("model-00002-of-00002.safetensors"));
    SafetensorsCheckpoint.writeIndex(
        dir,
        Map.of(
            "x.a", "model-00001-of-00002.safetensors",
            "x.b", "model-00002-of-00002.safetensors",
            "x.c", "model-00002-of-00002.safetensors"),
        12);
    try (SafetensorsCheckpoint ckpt = SafetensorsCheckpoint.open(dir)) {
      assertEquals(List.of("x.a", "x.b", "x.c"), List.copyOf(ckpt.names()));
      assertEquals(2, ckpt.files().size());
      assertArrayEquals(new float[] {1, 2}, ckpt.readFloats("x.a"));
      assertArrayEquals(new float[] {3}, ckpt.readFloats("x.b"));
      assertArrayEquals(new float[] {4}, ckpt.readFloats("x.c"));
      assertEquals("model-00002-of-00002.safetensors", ckpt.fileOf("x.c").getFileName().toString());
    }
  }

  @Test
  void singleFileCheckpointIsFoundByItsName() throws Exception {
    SafetensorsWriter.builder()
        .addFloats("w", DType.F32, new long[] {1}, new float[] {7})
        .write(dir.resolve(SafetensorsCheckpoint.SINGLE_FILE));
    try (SafetensorsCheckpoint ckpt = SafetensorsCheckpoint.open(dir)) {
      assertArrayEquals(new float[] {7}, ckpt.readFloats("w"));
    }
  }
}
