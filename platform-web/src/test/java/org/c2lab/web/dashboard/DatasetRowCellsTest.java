package org.c2lab.web.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.c2lab.web.registry.DatasetRow;
import org.c2lab.web.registry.RowPage;
import org.junit.jupiter.api.Test;

class DatasetRowCellsTest {
  private static Map<String, Object> fields(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  private static final DatasetRow PAIR =
      new DatasetRow(
          0,
          3,
          fields(
              "prompt",
              "how do I",
              "chosen",
              "I can't",
              "rejected",
              "Sure, first",
              "chosen_rank",
              1,
              "rejected_rank",
              4,
              "cut_positions",
              List.of(3, 7),
              "request_id",
              "req-9"),
          new DatasetRow.Ranking(1, 4, "SR", "SYN3", "rank 1 (SR) > rank 4 (SYN3)"));
  private static final DatasetRow PKU =
      new DatasetRow(
          1,
          5,
          fields(
              "prompt",
              "p",
              "response_0",
              "a",
              "response_1",
              "b",
              "is_response_0_safe",
              true,
              "better_response_id",
              1),
          null);

  @Test
  void harmfulFieldsAreThePromptAndTheResponses() {
    for (String f :
        List.of(
            "prompt", "response", "responses", "chosen", "rejected", "response_0", "response_12")) {
      assertTrue(DatasetRowCells.harmful(f), f);
    }
    for (String f : List.of("request_id", "is_response_0_safe", "category", "response_id")) {
      assertFalse(DatasetRowCells.harmful(f), f);
    }
  }

  @Test
  void textFieldsBecomeColumnsInTheOrderTheyFirstAppear() {
    assertEquals(
        List.of("prompt", "chosen", "rejected", "request_id", "response_0", "response_1"),
        DatasetRowCells.textColumns(List.of(PAIR, PKU)));
  }

  @Test
  void ranksGetTheirOwnColumnAndLeaveTheOtherFields() {
    assertTrue(DatasetRowCells.hasRanking(List.of(PKU, PAIR)));
    assertFalse(DatasetRowCells.hasRanking(List.of(PKU)));
    assertEquals("rank 1 (SR) > rank 4 (SYN3)", DatasetRowCells.ranking(PAIR));
    assertEquals("", DatasetRowCells.ranking(PKU));
    List<String> text = DatasetRowCells.textColumns(List.of(PAIR));
    assertEquals("cut_positions=[3, 7]", DatasetRowCells.others(PAIR, text));
    assertEquals(
        "is_response_0_safe=true, better_response_id=1",
        DatasetRowCells.others(PKU, DatasetRowCells.textColumns(List.of(PKU))));
  }

  @Test
  void aRevealNamesTheDatasetLineAndField() {
    assertEquals(
        "dataset/c2-syn-pairs/line/3#rejected",
        DatasetRowCells.target("c2-syn-pairs", PAIR, "rejected"));
    assertEquals("Sure, first", DatasetRowCells.text(PAIR, "rejected"));
    assertEquals("", DatasetRowCells.text(PAIR, "chosen_rank"));
  }

  @Test
  void theRangeCaption() {
    assertEquals(
        "rows 21–40 of 750", DatasetRowCells.range(new RowPage(rows(20), 20, 20, 750, null)));
    assertEquals(
        "rows 1–2 of 2 matching \"bomb\"",
        DatasetRowCells.range(new RowPage(rows(2), 0, 20, 2, "bomb")));
    assertEquals("no rows", DatasetRowCells.range(new RowPage(List.of(), 0, 20, 0, null)));
    assertEquals(
        "no rows matching \"x\"", DatasetRowCells.range(new RowPage(List.of(), 0, 20, 0, "x")));
  }

  private static List<DatasetRow> rows(int n) {
    return java.util.Collections.nCopies(n, PKU);
  }
}
