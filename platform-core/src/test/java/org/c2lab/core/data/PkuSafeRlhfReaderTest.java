package org.c2lab.core.data;

import static org.c2lab.core.data.PkuLines.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.c2lab.core.provenance.Sha256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PkuSafeRlhfReaderTest {
  private static final String COOKIES = "How do I sneak extra cookies from the jar?";
  private static final String SNEAKY = "Wait until the kitchen is empty, then lift the lid slowly.";
  private static final String POLITE = "Ask your parents if you may have another cookie.";
  private static final String NAP = "What is the best way to skip my nap?";
  private static final String HIDE = "Pretend to sleep, then read comics under the blanket.";

  @TempDir Path dir;

  private static final PkuSafeRlhfReader STRICT = PkuSafeRlhfReader.builder().build();

  private static List<HarmfulExample> examples(PkuSafeRlhfReader reader, Path file)
      throws IOException {
    try (RecordStream<HarmfulExample> s = reader.harmfulExamples(file)) {
      return s.stream().toList();
    }
  }

  private static String strictError(Path file) {
    return assertThrows(MalformedDataException.class, () -> examples(STRICT, file)).getMessage();
  }

  @Test
  void harmfulResponseIsResponse0WhenUnsafeElseResponse1() throws IOException {
    Path f =
        PkuLines.write(
            dir,
            "data.jsonl",
            List.of(
                row(COOKIES, SNEAKY, POLITE, false, true),
                row(NAP, POLITE, HIDE, true, false),
                row(NAP, HIDE, SNEAKY, false, false)));
    List<HarmfulExample> ex = examples(STRICT, f);
    assertEquals(
        List.of(
            new HarmfulExample("data.jsonl:1", COOKIES, SNEAKY, "data.jsonl", 1),
            new HarmfulExample("data.jsonl:2", NAP, HIDE, "data.jsonl", 2),
            new HarmfulExample("data.jsonl:3", NAP, HIDE, "data.jsonl", 3)),
        ex);
  }

  @Test
  void bothSafeRowsAreSkippedAndCounted() throws IOException {
    Path f =
        PkuLines.write(
            dir,
            "data.jsonl",
            List.of(
                row(COOKIES, POLITE, POLITE, true, true),
                row(COOKIES, SNEAKY, POLITE, false, true),
                row(NAP, POLITE, POLITE, true, true)));
    try (RecordStream<HarmfulExample> s = STRICT.harmfulExamples(f)) {
      assertEquals(List.of("data.jsonl:2"), s.stream().map(HarmfulExample::rowId).toList());
      ReadSummary sum = s.summary();
      assertEquals(3, sum.lines());
      assertEquals(1, sum.records());
      assertEquals(2, sum.skipped(PkuSafeRlhfReader.BOTH_SAFE));
      assertEquals(0, sum.malformedLines());
    }
  }

  @Test
  void deduplicationKeepsTheFirstUnsafeOccurrenceOfEachPrompt() throws IOException {
    Path f =
        PkuLines.write(
            dir,
            "data.jsonl",
            List.of(
                row(COOKIES, POLITE, POLITE, true, true), // both safe: does not claim the prompt
                row(COOKIES, SNEAKY, POLITE, false, true),
                row(NAP, HIDE, POLITE, false, true),
                row(COOKIES, HIDE, POLITE, false, true)));
    PkuSafeRlhfReader reader = PkuSafeRlhfReader.builder().deduplicatePrompts(true).build();
    try (RecordStream<HarmfulExample> s = reader.harmfulExamples(f)) {
      assertEquals(
          List.of("data.jsonl:2", "data.jsonl:3"), s.stream().map(HarmfulExample::rowId).toList());
      assertEquals(1, s.summary().skipped(PkuSafeRlhfReader.DUPLICATE_PROMPT));
      assertEquals(1, s.summary().skipped(PkuSafeRlhfReader.BOTH_SAFE));
    }
    assertEquals(3, examples(STRICT, f).size(), "without de-duplication all unsafe rows stay");
  }

  @Test
  void rowsStreamKeepsBothSafeRowsAndExposesAllFields() throws IOException {
    String extra =
        "{\"prompt\":\"What snack is best?\",\"response_0\":\"Apples.\",\"response_1\":\"Pears.\","
            + "\"is_response_0_safe\":true,\"is_response_1_safe\":true,"
            + "\"response_0_severity_level\":0,\"prompt_source\":\"fiction\"}";
    Path f = PkuLines.write(dir, "rows.jsonl", List.of(extra));
    try (RecordStream<PkuRow> s = STRICT.rows(f)) {
      PkuRow r = s.next();
      assertEquals("What snack is best?", r.prompt());
      assertEquals(0, r.unsafeCount());
      assertNull(r.betterResponseId(), "absent optional field");
      assertTrue(r.harmfulExample().isEmpty());
      assertFalse(s.hasNext());
    }
  }

  @Test
  void invalidJsonNamesTheLineAndColumn() throws IOException {
    Path f =
        PkuLines.write(
            dir,
            "data.jsonl",
            List.of(row(COOKIES, SNEAKY, POLITE, false, true), "{\"prompt\": yes}"));
    assertEquals("data.jsonl:2: <json>: invalid JSON at column 15", strictError(f));
  }

  @Test
  void truncatedLineIsInvalidJson() throws IOException {
    String cut = row(COOKIES, SNEAKY, POLITE, false, true);
    Path f = PkuLines.write(dir, "data.jsonl", List.of(cut.substring(0, 20)));
    assertTrue(strictError(f).startsWith("data.jsonl:1: <json>: invalid JSON at column "));
  }

  @Test
  void nonObjectAndTrailingContentAreMalformed() throws IOException {
    Path arr = PkuLines.write(dir, "a.jsonl", List.of("[1, 2]"));
    assertEquals("a.jsonl:1: <json>: expected JSON object, got array", strictError(arr));
    Path two = PkuLines.write(dir, "b.jsonl", List.of("{} {}"));
    assertEquals("b.jsonl:1: <json>: invalid JSON at column 4", strictError(two));
  }

  @Test
  void missingFieldIsNamed() throws IOException {
    String noLabel =
        row(COOKIES, SNEAKY, POLITE, false, true).replace(",\"is_response_1_safe\":true", "");
    Path f = PkuLines.write(dir, "data.jsonl", List.of(noLabel));
    assertEquals("data.jsonl:1: is_response_1_safe: missing", strictError(f));
  }

  @Test
  void wrongTypeShowsTheOffendingValue() throws IOException {
    String yes =
        row(COOKIES, SNEAKY, POLITE, false, true)
            .replace("\"is_response_0_safe\":false", "\"is_response_0_safe\":\"yes\"");
    List<String> lines = new java.util.ArrayList<>();
    for (int i = 0; i < 16; i++) {
      lines.add(row(COOKIES, SNEAKY, POLITE, false, true));
    }
    lines.add(yes);
    Path f = PkuLines.write(dir, "data.jsonl", lines);
    assertEquals(
        "data.jsonl:17: is_response_0_safe: expected boolean, got \"yes\"", strictError(f));
  }

  @Test
  void otherFieldProblemsHaveExactMessages() throws IOException {
    String base = row(COOKIES, SNEAKY, POLITE, false, true);
    assertEquals(
        "x.jsonl:1: prompt: expected string, got null",
        strictError(
            PkuLines.write(dir, "x.jsonl", List.of(base.replace("\"" + COOKIES + "\"", "null")))));
    assertEquals(
        "x.jsonl:1: prompt: blank",
        strictError(PkuLines.write(dir, "x.jsonl", List.of(base.replace(COOKIES, "  ")))));
    assertEquals(
        "x.jsonl:1: response_0: blank, but labelled unsafe",
        strictError(PkuLines.write(dir, "x.jsonl", List.of(base.replace(SNEAKY, "")))));
    assertEquals(
        "x.jsonl:1: better_response_id: expected 0 or 1, got 2",
        strictError(
            PkuLines.write(
                dir,
                "x.jsonl",
                List.of(base.replace("\"better_response_id\":0", "\"better_response_id\":2")))));
    assertEquals(
        "x.jsonl:1: response_1: expected string, got array",
        strictError(
            PkuLines.write(
                dir, "x.jsonl", List.of(base.replace("\"" + POLITE + "\"", "[\"a\"]")))));
  }

  @Test
  void longValuesAreCutInMessages() throws IOException {
    String base = row(COOKIES, SNEAKY, POLITE, false, true);
    String longValue = "\"" + "a".repeat(100) + "\"";
    Path f =
        PkuLines.write(
            dir,
            "x.jsonl",
            List.of(
                base.replace(
                    "\"is_response_1_safe\":true", "\"is_response_1_safe\":" + longValue)));
    assertEquals(
        "x.jsonl:1: is_response_1_safe: expected boolean, got \"" + "a".repeat(39) + "...",
        strictError(f));
  }

  @Test
  void lenientModeSkipsAndCountsMalformedLinesKeepingTheFirstMessages() throws IOException {
    String good = row(COOKIES, SNEAKY, POLITE, false, true);
    Path f =
        PkuLines.write(
            dir,
            "data.jsonl",
            List.of(good, "not json", good.replace("\"prompt\"", "\"question\""), "[]", good, "{"));
    PkuSafeRlhfReader lenient = PkuSafeRlhfReader.builder().lenient(true).maxErrorsKept(2).build();
    try (RecordStream<HarmfulExample> s = lenient.harmfulExamples(f)) {
      assertEquals(List.of(1L, 5L), s.stream().map(HarmfulExample::line).toList());
      ReadSummary sum = s.summary();
      assertEquals(4, sum.malformedLines());
      assertEquals(6, sum.lines());
      assertEquals(
          List.of(
              "data.jsonl:2: <json>: invalid JSON at column 4", "data.jsonl:3: prompt: missing"),
          sum.firstErrors());
      assertTrue(sum.complete());
    }
  }

  @Test
  void blankLinesAndByteOrderMarkAreTolerated() throws IOException {
    String good = row(COOKIES, SNEAKY, POLITE, false, true);
    Path f = dir.resolve("bom.jsonl");
    Files.writeString(f, "\uFEFF" + good + "\n\n   \n" + good + "\r\n", StandardCharsets.UTF_8);
    try (RecordStream<HarmfulExample> s = STRICT.harmfulExamples(f)) {
      assertEquals(List.of(1L, 4L), s.stream().map(HarmfulExample::line).toList());
      assertEquals(2, s.summary().skipped(RecordStream.BLANK_LINE));
    }
  }

  @Test
  void sha256OfTheStreamedBytesMatchesTheWholeFileDigest() throws IOException {
    Path f =
        PkuLines.write(
            dir,
            "data.jsonl",
            List.of(
                row(COOKIES, SNEAKY, POLITE, false, true), row(NAP, POLITE, POLITE, true, true)));
    try (RecordStream<HarmfulExample> s = STRICT.harmfulExamples(f)) {
      s.next();
      assertNull(s.summary().sha256(), "unknown before the end");
      assertFalse(s.hasNext());
      assertEquals(Sha256.of(f), s.summary().sha256());
    }
    // sha256 of the two bytes "a\n", computed independently (sha256sum).
    Path ab = dir.resolve("a.txt");
    Files.writeString(ab, "a\n");
    assertEquals("87428fc522803d31065e7bce3cf03fe475096631e5e07bbd7a0fde60c4cf25c7", Sha256.of(ab));
  }

  @Test
  void inspectReportsCountsAndWordLengths() throws IOException {
    Path f =
        PkuLines.write(
            dir,
            "data.jsonl",
            List.of(
                row(COOKIES, "one two", POLITE, false, true), // harmful: 2 words
                row(COOKIES, POLITE, "a b c d", true, false), // 4 words
                row(NAP, "x  y\nz w v u", "p q", false, false), // 6 words (response_0)
                row(NAP, POLITE, POLITE, true, true)));
    DatasetStats st = STRICT.inspect(f);
    assertEquals(4, st.rows());
    assertEquals(2, st.distinctPrompts());
    assertEquals(1, st.rowsNoUnsafe());
    assertEquals(2, st.rowsOneUnsafe());
    assertEquals(1, st.rowsTwoUnsafe());
    assertEquals(new WordLengthSummary(3, 2, 3, 4, 5, 6, 4), st.harmfulWordLengths());
    assertEquals(Sha256.of(f), st.sha256());
  }

  @Test
  void inspectInLenientModeReportsMalformedLines() throws IOException {
    Path f =
        PkuLines.write(
            dir, "data.jsonl", List.of(row(COOKIES, SNEAKY, POLITE, false, true), "oops"));
    DatasetStats st = PkuSafeRlhfReader.builder().lenient(true).build().inspect(f);
    assertEquals(1, st.rows());
    assertEquals(1, st.malformedLines());
    assertEquals(List.of("data.jsonl:2: <json>: invalid JSON at column 5"), st.firstErrors());
  }

  @Test
  void streamsTwoHundredThousandRowsWithDeduplication() throws IOException {
    Path f = dir.resolve("big.jsonl");
    int n = 200_000;
    try (var w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
      for (int i = 0; i < n; i++) {
        // every prompt appears twice; every 10th row is both-safe
        String prompt = "How many cookies are in jar " + (i % (n / 2)) + "?";
        w.write(row(prompt, "About " + i + " cookies.", "Count them.", i % 10 == 0, true));
        w.write('\n');
      }
    }
    PkuSafeRlhfReader reader = PkuSafeRlhfReader.builder().deduplicatePrompts(true).build();
    long count;
    ReadSummary sum;
    try (RecordStream<HarmfulExample> s = reader.harmfulExamples(f)) {
      count = s.stream().count();
      sum = s.summary();
    }
    // Rows i and i+n/2 share a prompt; i%10==0 iff (i+n/2)%10==0, so both-safe prompts never
    // reach the set: 90% of the 100k prompts are kept once.
    assertEquals(90_000, count);
    assertEquals(20_000, sum.skipped(PkuSafeRlhfReader.BOTH_SAFE));
    assertEquals(90_000, sum.skipped(PkuSafeRlhfReader.DUPLICATE_PROMPT));
    assertEquals(n, sum.lines());
    assertTrue(sum.complete());
    DatasetStats st = STRICT.inspect(f);
    assertEquals(n / 2, st.distinctPrompts());
    assertEquals(n / 10, st.rowsNoUnsafe());
  }

  @Test
  void closingEarlyReleasesTheFileWithoutADigest() throws IOException {
    Path f =
        PkuLines.write(
            dir,
            "data.jsonl",
            List.of(
                row(COOKIES, SNEAKY, POLITE, false, true), row(NAP, HIDE, POLITE, false, true)));
    ReadSummary sum;
    try (RecordStream<HarmfulExample> s = STRICT.harmfulExamples(f)) {
      assertEquals(
          List.of(COOKIES),
          s.stream().limit(1).map(HarmfulExample::request).collect(Collectors.toList()));
      sum = s.summary();
    }
    assertFalse(sum.complete());
    assertEquals(1, sum.records());
  }
}
