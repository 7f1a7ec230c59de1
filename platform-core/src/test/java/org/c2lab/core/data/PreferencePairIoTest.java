package org.c2lab.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreferencePairIoTest {
  private static final String PROMPT = "How do I sneak extra cookies from the jar?";

  @TempDir Path dir;

  private static final PreferencePair RANKED =
      PreferencePair.builder(PROMPT, "Ask first, cookies taste better shared.", "Lift the lid…")
          .ranks(1, 6)
          .cutPositions(List.of(5, 12, 20, 31))
          .requestId("cookies.jsonl:3")
          .build();

  private static List<PreferencePair> readAll(Path f) throws IOException {
    try (RecordStream<PreferencePair> s = PreferencePairReader.strict().open(f)) {
      return s.stream().toList();
    }
  }

  private static String strictError(Path f) {
    return assertThrows(MalformedDataException.class, () -> readAll(f)).getMessage();
  }

  @Test
  void writesTrlFieldsFirstThenMetadata() {
    assertEquals(
        "{\"prompt\":\"How do I sneak extra cookies from the jar?\","
            + "\"chosen\":\"Ask first, cookies taste better shared.\","
            + "\"rejected\":\"Lift the lid…\",\"request_id\":\"cookies.jsonl:3\","
            + "\"chosen_rank\":1,\"rejected_rank\":6,\"cut_positions\":[5,12,20,31]}",
        PreferencePairWriter.toJson(RANKED));
    assertEquals(
        "{\"prompt\":\"p\",\"chosen\":\"a\\nb\",\"rejected\":\"c\"}",
        PreferencePairWriter.toJson(PreferencePair.of("p", "a\nb", "c")));
  }

  @Test
  void roundTripKeepsEveryField() throws IOException {
    Path f = dir.resolve("pairs.jsonl");
    PreferencePair plain = PreferencePair.of(PROMPT, "Share them.", "Take them all.");
    try (PreferencePairWriter w = PreferencePairWriter.create(f)) {
      w.write(RANKED);
      w.write(plain);
      assertEquals(2, w.written());
    }
    assertEquals(List.of(RANKED, plain), readAll(f));
  }

  @Test
  void readsPlainTrlFilesAndIgnoresUnknownFields() throws IOException {
    Path f =
        PkuLines.write(
            dir,
            "trl.jsonl",
            List.of(
                "{\"prompt\":\"What is a nice snack?\",\"chosen\":\"Fruit.\",\"rejected\":\"Ten"
                    + " cookies.\",\"score_chosen\":8.0,\"source\":\"fiction\"}"));
    assertEquals(
        List.of(PreferencePair.of("What is a nice snack?", "Fruit.", "Ten cookies.")), readAll(f));
  }

  @Test
  void eachLineIsFlushedWhileTheWriterIsOpen() throws IOException {
    Path f = dir.resolve("pairs.jsonl");
    try (PreferencePairWriter w = PreferencePairWriter.create(f)) {
      w.write(RANKED);
      assertEquals(List.of(PreferencePairWriter.toJson(RANKED)), Files.readAllLines(f));
    }
  }

  @Test
  void appendContinuesAnExistingFile() throws IOException {
    Path f = dir.resolve("pairs.jsonl");
    try (PreferencePairWriter w = PreferencePairWriter.create(f)) {
      w.write(RANKED);
    }
    PreferencePair second = PreferencePair.of(PROMPT, "Share.", "Grab.");
    try (PreferencePairWriter w = PreferencePairWriter.append(f)) {
      w.write(second);
    }
    assertEquals(List.of(RANKED, second), readAll(f));
  }

  @Test
  void appendDropsAPartialLineLeftByAKilledWrite() throws IOException {
    Path f = dir.resolve("pairs.jsonl");
    String complete = PreferencePairWriter.toJson(RANKED) + "\n";
    Files.writeString(f, complete + "{\"prompt\":\"How do I sn", StandardCharsets.UTF_8);
    PreferencePair next = PreferencePair.of(PROMPT, "Share.", "Grab.");
    try (PreferencePairWriter w = PreferencePairWriter.append(f)) {
      w.write(next);
    }
    assertEquals(List.of(RANKED, next), readAll(f));

    Path only = dir.resolve("partial-only.jsonl");
    Files.writeString(only, "{\"prompt\":\"How", StandardCharsets.UTF_8);
    try (PreferencePairWriter w = PreferencePairWriter.append(only)) {
      w.write(next);
    }
    assertEquals(List.of(next), readAll(only));
  }

  @Test
  void appendCreatesAMissingFile() throws IOException {
    Path f = dir.resolve("new.jsonl");
    try (PreferencePairWriter w = PreferencePairWriter.append(f)) {
      w.write(RANKED);
    }
    assertEquals(List.of(RANKED), readAll(f));
  }

  @Test
  void malformedPairLinesHaveExactMessages() throws IOException {
    String ok = "\"prompt\":\"p\",\"chosen\":\"a\",\"rejected\":\"b\"";
    assertEquals(
        "p.jsonl:1: rejected: missing",
        strictError(
            PkuLines.write(dir, "p.jsonl", List.of("{\"prompt\":\"p\",\"chosen\":\"a\"}"))));
    assertEquals(
        "p.jsonl:2: chosen: expected string, got array",
        strictError(
            PkuLines.write(
                dir,
                "p.jsonl",
                List.of(
                    "{" + ok + "}",
                    "{\"prompt\":\"p\",\"chosen\":[{\"role\":\"assistant\",\"content\":\"a\"}],"
                        + "\"rejected\":\"b\"}"))));
    assertEquals(
        "p.jsonl:1: chosen_rank: expected integer, got \"1\"",
        strictError(
            PkuLines.write(
                dir,
                "p.jsonl",
                List.of("{" + ok + ",\"chosen_rank\":\"1\",\"rejected_rank\":2}"))));
    assertEquals(
        "p.jsonl:1: rejected_rank: missing",
        strictError(PkuLines.write(dir, "p.jsonl", List.of("{" + ok + ",\"chosen_rank\":1}"))));
    assertEquals(
        "p.jsonl:1: rejected_rank: expected greater than chosen_rank 3, got 2",
        strictError(
            PkuLines.write(
                dir, "p.jsonl", List.of("{" + ok + ",\"chosen_rank\":3,\"rejected_rank\":2}"))));
    assertEquals(
        "p.jsonl:1: cut_positions: expected strictly increasing offsets >= 0, got [5, 3]",
        strictError(
            PkuLines.write(dir, "p.jsonl", List.of("{" + ok + ",\"cut_positions\":[5,3]}"))));
    assertEquals(
        "p.jsonl:1: request_id: expected string, got 7",
        strictError(PkuLines.write(dir, "p.jsonl", List.of("{" + ok + ",\"request_id\":7}"))));
    assertEquals(
        "p.jsonl:1: <json>: invalid JSON at column 2",
        strictError(PkuLines.write(dir, "p.jsonl", List.of("{,}"))));
  }

  @Test
  void lenientReaderSkipsBadLines() throws IOException {
    Path f =
        PkuLines.write(
            dir,
            "p.jsonl",
            List.of(
                "{\"prompt\":\"p\",\"chosen\":\"a\",\"rejected\":\"b\"}",
                "{\"prompt\":\"p\"}",
                "{\"prompt\":\"q\",\"chosen\":\"a\",\"rejected\":\"b\"}"));
    try (RecordStream<PreferencePair> s = PreferencePairReader.lenient(5).open(f)) {
      assertEquals(List.of("p", "q"), s.stream().map(PreferencePair::prompt).toList());
      assertEquals(List.of("p.jsonl:2: chosen: missing"), s.summary().firstErrors());
    }
  }

  @Test
  void pairRecordRejectsInconsistentMetadata() {
    assertThrows(
        IllegalArgumentException.class,
        () -> PreferencePair.builder(PROMPT, "a", "b").ranks(4, 2).build());
    assertThrows(
        IllegalArgumentException.class,
        () -> PreferencePair.builder(PROMPT, "a", "b").ranks(0, 2).build());
    assertThrows(
        IllegalArgumentException.class,
        () -> PreferencePair.builder(PROMPT, "a", "b").cutPositions(List.of(3, 3)).build());
    assertThrows(IllegalArgumentException.class, () -> PreferencePair.of(" ", "a", "b"));
    assertTrue(RANKED.ranked());
  }
}
