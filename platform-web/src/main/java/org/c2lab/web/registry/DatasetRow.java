package org.c2lab.web.registry;

import io.micronaut.serde.annotation.Serdeable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One parsed row of a dataset.
 *
 * @param row 0-based position among the file's data rows
 * @param line 1-based line number in the file
 * @param fields the row's JSON object
 * @param ranking for C2-Syn preference pairs with ranks: which of the six responses was chosen over
 *     which; else null
 */
@Serdeable
public record DatasetRow(long row, long line, Map<String, Object> fields, Ranking ranking) {
  private static final Set<String> HARMFUL =
      Set.of("prompt", "response", "responses", "chosen", "rejected");

  /** What a viewer gets instead of harmful text. */
  public static final String HIDDEN = "[hidden]";

  /**
   * Whether a field holds harmful text: {@code prompt}, {@code response}, {@code responses}, {@code
   * chosen}, {@code rejected} and PKU-SafeRLHF's {@code response_0}, {@code response_1}, ...
   */
  public static boolean harmful(String field) {
    return HARMFUL.contains(field) || field.matches("response_\\d+");
  }

  /** This row with every harmful field's value replaced by {@link #HIDDEN} (for viewers). */
  public DatasetRow withHarmfulTextHidden() {
    Map<String, Object> hidden = new LinkedHashMap<>();
    fields.forEach((name, value) -> hidden.put(name, harmful(name) ? HIDDEN : value));
    return new DatasetRow(row, line, hidden, ranking);
  }

  /**
   * The rank structure of a C2-Syn pair: ranks number the six responses best first (1 = SR, the
   * safe answer; 2..5 = SYN1..SYN4, correcting after 1/4, 1/2, 3/4 and all of the harmful text; 6 =
   * FHR, the full harmful answer).
   *
   * @param chosenRank the chosen response's rank
   * @param rejectedRank the rejected response's rank
   * @param chosen its name, e.g. {@code SR}
   * @param rejected its name, e.g. {@code SYN3}
   * @param summary e.g. {@code rank 1 (SR) > rank 4 (SYN3)}
   */
  @Serdeable
  public record Ranking(
      int chosenRank, int rejectedRank, String chosen, String rejected, String summary) {}
}
