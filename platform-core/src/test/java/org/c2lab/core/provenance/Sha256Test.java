package org.c2lab.core.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Sha256Test {
  // FIPS 180-2 test vectors.
  private static final String EMPTY =
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  private static final String ABC =
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

  @Test
  void matchesPublishedTestVectors() {
    assertEquals(EMPTY, Sha256.of(""));
    assertEquals(ABC, Sha256.of("abc"));
  }

  @Test
  void streamsFilesLargerThanItsBufferToTheSameDigestAsInMemory(@TempDir Path dir)
      throws IOException {
    byte[] bytes = new byte[200_001]; // over three 64 KiB buffers, not a multiple of one
    new Random(7).nextBytes(bytes);
    Path file = Files.write(dir.resolve("blob.bin"), bytes);
    assertEquals(Sha256.of(bytes), Sha256.of(file));
  }

  @Test
  void hashesAnEmptyFile(@TempDir Path dir) throws IOException {
    assertEquals(EMPTY, Sha256.of(Files.createFile(dir.resolve("empty"))));
  }

  @Test
  void fieldBoundariesChangeTheHash() {
    assertNotEquals(Sha256.ofFields("ab", "c"), Sha256.ofFields("a", "bc"));
    assertNotEquals(Sha256.ofFields("", "x"), Sha256.ofFields("x", ""));
    assertEquals(Sha256.ofFields("a", "bc"), Sha256.ofFields("a", "bc"));
  }
}
