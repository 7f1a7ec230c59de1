package org.c2lab.web.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.c2lab.core.metrics.SampleOutcome;
import org.c2lab.core.store.SampleRecord;
import org.junit.jupiter.api.Test;

class SampleRowTest {
  private static SampleRecord record(String json) {
    return new SampleRecord("run-1", "req-1/k=10/path=2", json);
  }

  @Test
  void readsAJudgedC2EvalPath() {
    SampleRow row =
        SampleRow.of(
                record(
                    "{\"request_id\":\"req-1\",\"k\":10,\"path\":2,\"corrected\":true,"
                        + "\"judge_id\":\"keyword\",\"request\":\"R\",\"prefix\":\"P\","
                        + "\"continuation\":\"C\"}"))
            .orElseThrow();
    assertEquals(new SampleOutcome("req-1", 10, 2, true), row.outcome());
    assertEquals("keyword", row.judge());
    assertEquals("R", row.request());
    assertEquals("P", row.prefix());
    assertEquals("C", row.continuation());
    assertFalse(row.disagreement());
  }

  @Test
  void judgesDisagreeWhenTheirVerdictsDifferOrTheRecordSaysSo() {
    String base = "{\"request_id\":\"r\",\"k\":10,\"path\":0,\"corrected\":true";
    assertTrue(
        SampleRow.of(record(base + ",\"verdicts\":{\"keyword\":true,\"llm\":false}}"))
            .orElseThrow()
            .disagreement());
    assertFalse(
        SampleRow.of(record(base + ",\"verdicts\":{\"keyword\":true,\"llm\":true}}"))
            .orElseThrow()
            .disagreement());
    assertTrue(
        SampleRow.of(record(base + ",\"judge_disagreement\":true}")).orElseThrow().disagreement());
  }

  @Test
  void recordsOfOtherShapesAreNotRows() {
    assertTrue(
        SampleRow.of(record("{\"prompt\":\"p\",\"chosen\":\"a\",\"rejected\":\"b\"}")).isEmpty());
  }
}
