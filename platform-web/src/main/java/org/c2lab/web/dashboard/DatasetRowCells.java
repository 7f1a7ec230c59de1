package org.c2lab.web.dashboard;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.c2lab.web.registry.DatasetRow;
import org.c2lab.web.registry.RowPage;

/**
 * What the dataset row browser shows of a page of rows: which columns, which cells are harmful text
 * (blurred, reveals audited), the audit target of a cell and the "rows X–Y of N" caption.
 */
final class DatasetRowCells {
  private DatasetRowCells() {}

  /**
   * Whether a field holds harmful text: {@code prompt}, {@code response}, {@code responses}, {@code
   * chosen}, {@code rejected} and PKU-SafeRLHF's {@code response_0}, {@code response_1}, ...
   */
  static boolean harmful(String field) {
    return DatasetRow.harmful(field);
  }

  /** The text fields of a page, in the order they first appear: one column each. */
  static List<String> textColumns(List<DatasetRow> rows) {
    Set<String> names = new LinkedHashSet<>();
    for (DatasetRow row : rows) {
      row.fields()
          .forEach(
              (name, value) -> {
                if (value instanceof String) {
                  names.add(name);
                }
              });
    }
    return new ArrayList<>(names);
  }

  /** Whether any row of the page has a C2-Syn rank structure (then it gets its own column). */
  static boolean hasRanking(List<DatasetRow> rows) {
    return rows.stream().anyMatch(r -> r.ranking() != null);
  }

  /** The rank structure, e.g. {@code rank 1 (SR) > rank 4 (SYN3)}, or empty. */
  static String ranking(DatasetRow row) {
    return row.ranking() == null ? "" : row.ranking().summary();
  }

  /**
   * The row's other fields ({@code name=value}, numbers, flags and lists; text columns and C2-Syn
   * rank fields left out), comma-separated.
   */
  static String others(DatasetRow row, List<String> textColumns) {
    return row.fields().entrySet().stream()
        .filter(e -> !textColumns.contains(e.getKey()))
        .filter(e -> row.ranking() == null || !isRankField(e.getKey()))
        .map(DatasetRowCells::pair)
        .collect(Collectors.joining(", "));
  }

  /** The text of {@code field} in {@code row}, empty when it has none. */
  static String text(DatasetRow row, String field) {
    Object v = row.fields().get(field);
    return v instanceof String s ? s : "";
  }

  /** The audit target of a revealed cell: {@code dataset/ID/line/N#field}. */
  static String target(String datasetId, DatasetRow row, String field) {
    return "dataset/" + datasetId + "/line/" + row.line() + "#" + field;
  }

  /**
   * {@code rows 1–25 of 750}, {@code rows 3–4 of 4 matching "x"}, or {@code no rows} / {@code no
   * rows matching "x"}.
   */
  static String range(RowPage page) {
    String matching = page.query() == null ? "" : " matching \"" + page.query() + "\"";
    if (page.items().isEmpty()) {
      return "no rows" + matching;
    }
    long first = page.offset() + 1;
    long last = page.offset() + page.items().size();
    return "rows " + first + "–" + last + " of " + page.total() + matching;
  }

  private static boolean isRankField(String name) {
    return name.equals("chosen_rank") || name.equals("rejected_rank");
  }

  private static String pair(Map.Entry<String, Object> e) {
    return e.getKey() + "=" + e.getValue();
  }
}
