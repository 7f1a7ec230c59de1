package org.c2lab.train.generation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.c2lab.core.model.GenerationRequest;

/**
 * Cuts requests into batches of at most {@code maxRows} samples, in request order, such that the
 * longest prompt plus the most new tokens of a batch fit the model's context (left padding aligns
 * every prompt to the longest). A request's samples may be split over batches; each batch runs the
 * prompts it holds once.
 */
final class BatchPlan {
  private BatchPlan() {}

  /**
   * One sample of one request.
   *
   * @param request the request's index
   * @param sample the sample's index in the request (its seed)
   * @param prefillRow the row of the request's prompt in the batch's prefill
   */
  record Slot(int request, int sample, int prefillRow) {}

  /**
   * One batch.
   *
   * @param requests the requests whose prompts the batch prefills, one row each
   * @param slots the samples, one cache row each after the prefill
   */
  record Batch(int[] requests, Slot[] slots) {}

  static List<Batch> of(
      List<GenerationRequest> requests, int[][] prompts, int maxRows, int context) {
    List<Batch> batches = new ArrayList<>();
    Map<Integer, Integer> rows = new LinkedHashMap<>();
    List<Slot> slots = new ArrayList<>();
    int width = 0;
    int maxNew = 0;
    for (int r = 0; r < requests.size(); r++) {
      int newTokens = requests.get(r).params().maxNewTokens();
      for (int s = 0; s < requests.get(r).n(); s++) {
        boolean fits = Math.max(width, prompts[r].length) + Math.max(maxNew, newTokens) <= context;
        if (!slots.isEmpty() && (slots.size() == maxRows || !fits)) {
          batches.add(batch(rows, slots));
          rows.clear();
          slots.clear();
          width = 0;
          maxNew = 0;
        }
        int row = rows.computeIfAbsent(r, k -> rows.size());
        slots.add(new Slot(r, s, row));
        width = Math.max(width, prompts[r].length);
        maxNew = Math.max(maxNew, newTokens);
      }
    }
    if (!slots.isEmpty()) {
      batches.add(batch(rows, slots));
    }
    return batches;
  }

  private static Batch batch(Map<Integer, Integer> rows, List<Slot> slots) {
    return new Batch(
        rows.keySet().stream().mapToInt(Integer::intValue).toArray(), slots.toArray(Slot[]::new));
  }
}
