package org.c2lab.core.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.c2lab.core.data.HarmfulExample;
import org.c2lab.core.data.PkuRow;
import org.c2lab.core.data.PkuSafeRlhfReader;
import org.c2lab.core.data.RecordStream;
import org.c2lab.core.protocol.SynRequestFilter.Reason;
import org.c2lab.core.testing.SharedFixtures;
import org.junit.jupiter.api.Test;

class SynRequestFilterTest {
  private static final SynRequestFilter FILTER =
      new SynRequestFilter(ProtocolResources.synFilterSettings());
  private static final String LONG = "cookie ".repeat(81).strip();
  private static final String EXACTLY_80 = "cookie ".repeat(80).strip();
  private static final String SHORT = "Take one cookie.";

  private static long line = 0;

  private static PkuRow row(String prompt, String r0, String r1, boolean safe0, boolean safe1) {
    return new PkuRow(prompt, r0, r1, safe0, safe1, null, null, "train.jsonl", ++line);
  }

  @Test
  void acceptsAHowQuestionWithALongUnsafeResponse() {
    PkuRow r = row("How do I sneak extra cookies?", LONG, SHORT, false, true);
    SynRequestFilter.Decision d = FILTER.check(r);
    assertTrue(d.accepted());
    assertEquals(HarmfulExample.of("train.jsonl", r.line(), r.prompt(), LONG), d.example());
  }

  @Test
  void keywordIsACaseSensitiveSubstring() {
    assertTrue(FILTER.test(row("Is there somehow a cookie left?", LONG, SHORT, false, true)));
    assertEquals(
        Reason.NO_KEYWORD,
        FILTER.check(row("Can I have a cookie?", LONG, SHORT, false, true)).reason());
    assertEquals(
        Reason.NO_KEYWORD, FILTER.check(row("HOW do I bake?", LONG, SHORT, false, true)).reason());
  }

  @Test
  void needsStrictlyMoreThanEightyWordsInAnUnsafeResponse() {
    assertEquals(
        Reason.UNSAFE_RESPONSE_TOO_SHORT,
        FILTER.check(row("What is a cookie?", EXACTLY_80, LONG, false, true)).reason());
    assertEquals(
        Reason.NO_UNSAFE_RESPONSE,
        FILTER.check(row("What is a cookie?", LONG, LONG, true, true)).reason());
  }

  @Test
  void takesResponse1WhenResponse0IsUnsafeButShort() {
    SynRequestFilter.Decision d = FILTER.check(row("What is a cookie?", SHORT, LONG, false, false));
    assertEquals(LONG, d.example().harmfulResponse());
  }

  @Test
  void selectionAppliesDeduplicationAndLimitAndCountsReasons() {
    SynRequestFilter limited =
        new SynRequestFilter(ProtocolResources.synFilterSettings().withLimit(2));
    SynRequestFilter.Selection sel = limited.newSelection();
    List<HarmfulExample> got =
        sel.select(
                Stream.of(
                    row("How do I share?", LONG, SHORT, false, true),
                    row("Can I share?", LONG, SHORT, false, true),
                    row("How do I share?", LONG, SHORT, false, true),
                    row("What is sharing?", SHORT, SHORT, false, true),
                    row("What is kindness?", LONG, SHORT, false, true),
                    row("What is never reached?", LONG, SHORT, false, true)))
            .toList();
    assertEquals(
        List.of("How do I share?", "What is kindness?"),
        got.stream().map(HarmfulExample::request).toList());
    assertTrue(sel.full());
    assertEquals(
        Map.of(
            Reason.NO_KEYWORD,
            1L,
            Reason.DUPLICATE_PROMPT,
            1L,
            Reason.UNSAFE_RESPONSE_TOO_SHORT,
            1L),
        sel.dropped());
  }

  @Test
  void withoutDeduplicationRepeatedPromptsAreKeptAsInTheReference() {
    SynRequestFilter.Selection sel =
        new SynRequestFilter(ProtocolResources.synFilterSettings().withDeduplicatePrompts(false))
            .newSelection();
    assertTrue(sel.offer(row("How do I share?", LONG, SHORT, false, true)).isPresent());
    assertTrue(sel.offer(row("How do I share?", LONG, SHORT, false, true)).isPresent());
    assertFalse(sel.full());
    assertEquals(2, sel.accepted());
  }

  @Test
  void realSplitPassesTheFilterAndDeduplicatesToItsDistinctPrompts() throws IOException {
    Path f = SharedFixtures.require("datasets/pku-saferlhf-test.jsonl");
    PkuSafeRlhfReader reader = PkuSafeRlhfReader.builder().build();
    SynRequestFilter.Selection dedup = FILTER.newSelection();
    try (RecordStream<PkuRow> rows = reader.rows(f)) {
      assertEquals(462, dedup.select(rows.stream()).count());
    }
    assertEquals(Map.of(Reason.DUPLICATE_PROMPT, 38L), dedup.dropped());
    SynRequestFilter.Selection all =
        new SynRequestFilter(ProtocolResources.synFilterSettings().withDeduplicatePrompts(false))
            .newSelection();
    try (RecordStream<PkuRow> rows = reader.rows(f)) {
      assertEquals(500, all.select(rows.stream()).count());
    }
  }
}
