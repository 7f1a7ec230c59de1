package org.c2lab.core.metrics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Paired comparison of two C2-Eval runs over the same (request, k, path) keys, e.g. a model before
 * (A) and after (B) DPO with the same seeds: exact McNemar tests per k and overall, a paired
 * bootstrap interval of the Corr_mean difference (B - A) resampling requests, and the flipped paths
 * for inspection.
 *
 * @param perK McNemar test per k, ascending
 * @param overall McNemar test pooled over all keys
 * @param corrMeanA Corr_mean of run A
 * @param corrMeanB Corr_mean of run B
 * @param corrMeanDifference corrMeanB - corrMeanA
 * @param differenceInterval paired bootstrap percentile interval of the difference
 * @param aYesBNo keys corrected in A but not in B, sorted
 * @param aNoBYes keys corrected in B but not in A, sorted
 * @param bootstrap how the interval was computed
 */
public record PairedComparison(
    Map<Integer, McNemar> perK,
    McNemar overall,
    double corrMeanA,
    double corrMeanB,
    double corrMeanDifference,
    Interval differenceInterval,
    List<SampleKey> aYesBNo,
    List<SampleKey> aNoBYes,
    BootstrapSettings bootstrap) {

  private static final int EXAMPLES = 5;

  public PairedComparison {
    perK = Collections.unmodifiableMap(new TreeMap<>(perK));
    Objects.requireNonNull(overall, "overall");
    Objects.requireNonNull(differenceInterval, "differenceInterval");
    aYesBNo = List.copyOf(aYesBNo);
    aNoBYes = List.copyOf(aNoBYes);
    Objects.requireNonNull(bootstrap, "bootstrap");
    if (aYesBNo.size() != overall.aYesBNo() || aNoBYes.size() != overall.aNoBYes()) {
      throw new IllegalArgumentException("flipped keys disagree with the overall table");
    }
  }

  /** Compares with {@link BootstrapSettings#DEFAULT}. */
  public static PairedComparison of(Collection<SampleOutcome> a, Collection<SampleOutcome> b) {
    return of(a, b, BootstrapSettings.DEFAULT);
  }

  /**
   * Compares run A with run B.
   *
   * @throws UnpairedOutcomesException when the runs' keys differ
   * @throws IllegalArgumentException when a run is empty or has a duplicate key
   */
  public static PairedComparison of(
      Collection<SampleOutcome> a, Collection<SampleOutcome> b, BootstrapSettings settings) {
    RequestTable tableA = RequestTable.of(a); // rejects empty runs and duplicates first
    RequestTable tableB = RequestTable.of(b);
    Map<SampleKey, Boolean> byKeyA = byKey(a);
    Map<SampleKey, Boolean> byKeyB = byKey(b);
    requirePaired(byKeyA, byKeyB);

    Map<Integer, long[]> tables = new TreeMap<>(); // k -> {bothYes, aOnly, bOnly, bothNo}
    List<SampleKey> aOnly = new ArrayList<>();
    List<SampleKey> bOnly = new ArrayList<>();
    for (Map.Entry<SampleKey, Boolean> e : byKeyA.entrySet()) {
      boolean yesA = e.getValue();
      boolean yesB = byKeyB.get(e.getKey());
      int cell = yesA ? (yesB ? 0 : 1) : (yesB ? 2 : 3);
      tables.computeIfAbsent(e.getKey().k(), k -> new long[4])[cell]++;
      if (cell == 1) {
        aOnly.add(e.getKey());
      } else if (cell == 2) {
        bOnly.add(e.getKey());
      }
    }
    Collections.sort(aOnly);
    Collections.sort(bOnly);

    Map<Integer, McNemar> perK = new TreeMap<>();
    long[] pooled = new long[4];
    tables.forEach(
        (k, t) -> {
          perK.put(k, McNemar.of(t[0], t[1], t[2], t[3]));
          for (int i = 0; i < 4; i++) {
            pooled[i] += t[i];
          }
        });
    McNemar overall = McNemar.of(pooled[0], pooled[1], pooled[2], pooled[3]);

    // Same keys, so both tables list the same requests in the same (sorted) row order.
    double meanA = tableA.corrMean();
    double meanB = tableB.corrMean();
    Interval ci =
        Bootstrap.percentileInterval(
            tableA.requests(), settings, rows -> tableB.corrMean(rows) - tableA.corrMean(rows));
    return new PairedComparison(
        perK, overall, meanA, meanB, meanB - meanA, ci, aOnly, bOnly, settings);
  }

  private static Map<SampleKey, Boolean> byKey(Collection<SampleOutcome> outcomes) {
    Map<SampleKey, Boolean> map = new HashMap<>(outcomes.size() * 2);
    outcomes.forEach(o -> map.put(o.key(), o.corrected()));
    return map;
  }

  private static void requirePaired(Map<SampleKey, Boolean> a, Map<SampleKey, Boolean> b) {
    List<SampleKey> onlyA = a.keySet().stream().filter(k -> !b.containsKey(k)).sorted().toList();
    List<SampleKey> onlyB = b.keySet().stream().filter(k -> !a.containsKey(k)).sorted().toList();
    if (!onlyA.isEmpty() || !onlyB.isEmpty()) {
      throw new UnpairedOutcomesException(
          onlyA.size(),
          onlyB.size(),
          onlyA.subList(0, Math.min(EXAMPLES, onlyA.size())),
          onlyB.subList(0, Math.min(EXAMPLES, onlyB.size())));
    }
  }
}
