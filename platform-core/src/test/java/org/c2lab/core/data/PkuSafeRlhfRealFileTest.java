package org.c2lab.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import org.c2lab.core.testing.SharedFixtures;
import org.junit.jupiter.api.Test;

/**
 * The real PKU-SafeRLHF test split from ../shared (skipped when absent). Expected numbers were
 * computed independently with Python ({@code str.split()}, numpy-style quartiles, sha256sum).
 */
class PkuSafeRlhfRealFileTest {
  private static final String FILE = "datasets/pku-saferlhf-test.jsonl";

  @Test
  void inspectMatchesTheReferenceSplit() throws IOException {
    Path f = SharedFixtures.require(FILE);
    DatasetStats st = PkuSafeRlhfReader.builder().build().inspect(f);
    assertEquals(500, st.rows());
    assertEquals(462, st.distinctPrompts());
    assertEquals(0, st.rowsNoUnsafe());
    assertEquals(65, st.rowsOneUnsafe());
    assertEquals(435, st.rowsTwoUnsafe());
    assertEquals(0, st.malformedLines());
    assertEquals(new WordLengthSummary(500, 14, 78, 91, 107, 321, 92.982), st.harmfulWordLengths());
    assertEquals("a9f22982e3f7f56309db81a56c532f556ec4d42356823ebb10f98d21a3c6e5c3", st.sha256());
  }

  @Test
  void harmfulExamplesCoverEveryRowOrEveryDistinctPrompt() throws IOException {
    Path f = SharedFixtures.require(FILE);
    try (RecordStream<HarmfulExample> s = PkuSafeRlhfReader.builder().build().harmfulExamples(f)) {
      assertEquals(500, s.stream().count());
    }
    PkuSafeRlhfReader dedup = PkuSafeRlhfReader.builder().deduplicatePrompts(true).build();
    try (RecordStream<HarmfulExample> s = dedup.harmfulExamples(f)) {
      assertEquals(462, s.stream().count());
      assertEquals(38, s.summary().skipped(PkuSafeRlhfReader.DUPLICATE_PROMPT));
    }
  }
}
