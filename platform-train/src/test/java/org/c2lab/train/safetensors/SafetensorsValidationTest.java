package org.c2lab.train.safetensors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a header can be wrong fails with the file, the tensor and the problem. */
class SafetensorsValidationTest {
  @TempDir Path dir;

  private Path file(String json, int dataBytes) throws Exception {
    byte[] header = json.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b =
        ByteBuffer.allocate(8 + header.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(header.length).put(header);
    return Files.write(dir.resolve("bad.safetensors"), b.array());
  }

  private SafetensorsException fails(Path f) {
    return assertThrows(SafetensorsException.class, () -> SafetensorsFile.open(f).close());
  }

  private static String entry(String name, String dtype, String shape, long begin, long end) {
    return "\"%s\":{\"dtype\":\"%s\",\"shape\":%s,\"data_offsets\":[%d,%d]}"
        .formatted(name, dtype, shape, begin, end);
  }

  private void assertProblem(SafetensorsException e, String tensor, String problemPart) {
    assertTrue(e.getMessage().startsWith("bad.safetensors: "), e.getMessage());
    assertEquals(tensor, e.tensor().orElse(null), e.getMessage());
    if (tensor != null) {
      assertTrue(e.getMessage().contains("tensor '" + tensor + "'"), e.getMessage());
    }
    assertTrue(e.problem().contains(problemPart), e.getMessage());
  }

  @Test
  void fileShorterThanTheLengthPrefixIsTruncated() throws Exception {
    Path f = Files.write(dir.resolve("bad.safetensors"), new byte[] {1, 0, 0});
    assertProblem(fails(f), null, "truncated");
  }

  @Test
  void headerLengthMustBeSane() throws Exception {
    ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(-1L);
    Path f = Files.write(dir.resolve("bad.safetensors"), b.array());
    assertProblem(fails(f), null, "header length");
    b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(0L);
    assertProblem(fails(Files.write(f, b.array())), null, "header length");
  }

  @Test
  void headerLongerThanTheFileIsTruncated() throws Exception {
    ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1000L);
    Path f = Files.write(dir.resolve("bad.safetensors"), b.array());
    assertProblem(fails(f), null, "truncated: header length 1000");
  }

  @Test
  void headerMustBeAJsonObject() throws Exception {
    assertProblem(fails(file("[1,2]   ", 0)), null, "does not start with '{'");
    assertProblem(fails(file("{\"a\": ", 0)), null, "not valid JSON");
  }

  @Test
  void duplicateTensorNamesAreRejected() throws Exception {
    String json = "{" + entry("a", "F32", "[1]", 0, 4) + "," + entry("a", "F32", "[1]", 4, 8) + "}";
    assertProblem(fails(file(json, 8)), null, "not valid JSON");
  }

  @Test
  void unknownDtypeNamesTheTensor() throws Exception {
    assertProblem(fails(file("{" + entry("w", "F17", "[1]", 0, 4) + "}", 4)), "w", "F17");
  }

  @Test
  void badShapeNamesTheTensor() throws Exception {
    assertProblem(fails(file("{" + entry("w", "F32", "[-1]", 0, 4) + "}", 4)), "w", "shape");
    assertProblem(
        fails(file("{\"w\":{\"dtype\":\"F32\",\"data_offsets\":[0,4]}}", 4)), "w", "shape");
  }

  @Test
  void offsetsThatDoNotMatchDtypeTimesShapeNameBothSizes() throws Exception {
    SafetensorsException e = fails(file("{" + entry("w", "F32", "[3]", 0, 10) + "}", 10));
    assertProblem(e, "w", "hold 10 bytes but F32 [3] needs 12");
  }

  @Test
  void malformedOffsetsNameTheTensor() throws Exception {
    assertProblem(
        fails(file("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0]}}", 4)),
        "w",
        "data_offsets");
    assertProblem(fails(file("{" + entry("w", "F32", "[0]", 4, 0) + "}", 4)), "w", "begin <= end");
    assertProblem(
        fails(
            file(
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,99999999999999999999]}}",
                4)),
        "w",
        "data_offsets");
  }

  @Test
  void overlappingTensorsAreRejected() throws Exception {
    String json = "{" + entry("a", "F32", "[2]", 0, 8) + "," + entry("b", "F32", "[1]", 4, 8) + "}";
    assertProblem(fails(file(json, 8)), "b", "overlaps tensor 'a'");
  }

  @Test
  void holesInTheDataSectionAreRejected() throws Exception {
    String json =
        "{" + entry("a", "F32", "[1]", 0, 4) + "," + entry("b", "F32", "[1]", 8, 12) + "}";
    assertProblem(fails(file(json, 12)), "b", "hole");
  }

  @Test
  void truncatedDataNamesTheTensorThatRunsPastTheEnd() throws Exception {
    Path f =
        SafetensorsWriter.builder()
            .addFloats("first", DType.F32, new long[] {4}, new float[4])
            .addFloats("second", DType.F16, new long[] {4}, new float[4])
            .write(dir.resolve("bad.safetensors"));
    try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
      ch.truncate(ch.size() - 3);
    }
    assertProblem(fails(f), "second", "truncated");
  }

  @Test
  void trailingBytesAfterTheLastTensorAreRejected() throws Exception {
    assertProblem(fails(file("{" + entry("w", "F32", "[1]", 0, 4) + "}", 8)), null, "trailing");
  }

  @Test
  void metadataMustMapStringsToStrings() throws Exception {
    assertProblem(fails(file("{\"__metadata__\":{\"n\":1}}", 0)), null, "__metadata__.n");
  }

  @Test
  void nonFloatTensorsAreRefusedWhenReadAsFloats() throws Exception {
    Path f = file("{" + entry("ids", "I64", "[1]", 0, 8) + "}", 8);
    try (SafetensorsFile st = SafetensorsFile.open(f)) {
      SafetensorsException e = assertThrows(SafetensorsException.class, () -> st.readFloats("ids"));
      assertProblem(e, "ids", "I64 is not a floating-point type");
    }
  }

  @Test
  void indexPointingAtAMissingShardNamesTheIndexTheTensorAndTheShard() throws Exception {
    SafetensorsCheckpoint.writeIndex(dir, Map.of("w", "model-00001-of-00001.safetensors"), 4);
    SafetensorsException e =
        assertThrows(SafetensorsException.class, () -> SafetensorsCheckpoint.open(dir));
    assertTrue(e.getMessage().startsWith(SafetensorsCheckpoint.INDEX_FILE + ": tensor 'w': "));
    assertTrue(e.problem().contains("model-00001-of-00001.safetensors"), e.getMessage());
  }

  @Test
  void indexListingATensorItsShardLacksNamesTheShard() throws Exception {
    SafetensorsWriter.builder()
        .addFloats("other", DType.F32, new long[] {1}, new float[1])
        .write(dir.resolve("s1.safetensors"));
    SafetensorsCheckpoint.writeIndex(dir, Map.of("w", "s1.safetensors"), 4);
    SafetensorsException e =
        assertThrows(SafetensorsException.class, () -> SafetensorsCheckpoint.open(dir));
    assertEquals(
        "s1.safetensors: tensor 'w': listed in model.safetensors.index.json but absent"
            + " from this shard",
        e.getMessage());
  }

  @Test
  void indexShardOutsideTheFolderIsRefused() throws Exception {
    SafetensorsCheckpoint.writeIndex(dir, Map.of("w", "../elsewhere.safetensors"), 4);
    SafetensorsException e =
        assertThrows(SafetensorsException.class, () -> SafetensorsCheckpoint.open(dir));
    assertTrue(e.problem().contains("not a file name"), e.getMessage());
  }

  @Test
  void folderWithoutWeightsSaysWhatIsMissing() {
    SafetensorsException e =
        assertThrows(SafetensorsException.class, () -> SafetensorsCheckpoint.open(dir));
    assertTrue(e.problem().contains("model.safetensors"), e.getMessage());
  }

  @Test
  void writerRefusesDataOfTheWrongSize() {
    var builder =
        SafetensorsWriter.builder().addFloats("w", DType.F32, new long[] {3}, new float[2]);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> builder.write(dir.resolve("w.st")));
    assertTrue(e.getMessage().contains("wrote 8 bytes but F32 [3] needs 12"), e.getMessage());
    assertTrue(Files.notExists(dir.resolve("w.st.tmp")));
  }
}
