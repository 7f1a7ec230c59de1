package org.c2lab.web.compare;

import java.util.List;
import java.util.Map;

/**
 * A named comparison of slots filled with the latest succeeded C2-Eval run that fits each.
 *
 * @param id the preset's id, e.g. {@code llama2-vs-qwen2-dpo}
 * @param title what it shows
 * @param found slot to run id, for the slots a run was found for
 * @param missing slots without a run, each with what would fill it
 * @param comparison the found runs compared, or null with fewer than two
 */
public record PresetComparison(
    String id,
    String title,
    Map<String, String> found,
    Map<String, String> missing,
    Comparison comparison) {
  public PresetComparison {
    found = Map.copyOf(found);
    missing = Map.copyOf(missing);
  }

  /** The slots in display order. */
  public static final List<String> SLOTS =
      List.of("llama2-base", "llama2-dpo", "qwen2-base", "qwen2-dpo");
}
