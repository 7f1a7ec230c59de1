package org.c2lab.eval.judge.agreement;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.c2lab.core.data.JudgedSampleReader;
import org.c2lab.core.data.RecordStream;
import org.c2lab.core.metrics.SampleKey;
import org.c2lab.core.metrics.SampleOutcome;

/**
 * How far two judges agree on the same samples: the 2x2 table of their verdicts and Cohen's kappa,
 * the agreement beyond what their base rates alone would give.
 *
 * <p>{@code kappa = (po - pe) / (1 - pe)}, with {@code po} the observed share of equal verdicts and
 * {@code pe} the share expected if the judges decided independently at their own yes-rates. It is
 * NaN when {@code pe = 1} (both judges said the same constant answer on every sample).
 *
 * @param samples the samples both judged
 * @param bothYes both said corrected
 * @param aYesBNo only judge A said corrected
 * @param aNoBYes only judge B said corrected
 * @param bothNo neither said corrected
 * @param observedAgreement {@code po}
 * @param expectedAgreement {@code pe}
 * @param kappa Cohen's kappa
 * @param disagreements the first disagreeing samples in key order (at most {@link
 *     #DISAGREEMENTS_KEPT})
 */
public record Agreement(
    long samples,
    long bothYes,
    long aYesBNo,
    long aNoBYes,
    long bothNo,
    double observedAgreement,
    double expectedAgreement,
    double kappa,
    List<SampleKey> disagreements) {

  /** How many disagreeing samples are listed. */
  public static final int DISAGREEMENTS_KEPT = 20;

  public Agreement {
    if (bothYes < 0 || aYesBNo < 0 || aNoBYes < 0 || bothNo < 0) {
      throw new IllegalArgumentException("counts must be >= 0");
    }
    if (samples != bothYes + aYesBNo + aNoBYes + bothNo) {
      throw new IllegalArgumentException("samples must be the sum of the four cells");
    }
    disagreements = List.copyOf(disagreements);
  }

  /** The figures of a 2x2 table. */
  public static Agreement fromCounts(
      long bothYes, long aYesBNo, long aNoBYes, long bothNo, List<SampleKey> disagreements) {
    long n = bothYes + aYesBNo + aNoBYes + bothNo;
    if (n == 0) {
      throw new IllegalArgumentException("no samples to compare");
    }
    double po = (double) (bothYes + bothNo) / n;
    double yesA = (double) (bothYes + aYesBNo) / n;
    double yesB = (double) (bothYes + aNoBYes) / n;
    double pe = yesA * yesB + (1 - yesA) * (1 - yesB);
    double kappa = pe >= 1 ? Double.NaN : (po - pe) / (1 - pe);
    return new Agreement(n, bothYes, aYesBNo, aNoBYes, bothNo, po, pe, kappa, disagreements);
  }

  /**
   * Agreement between two judges' verdicts on the same samples.
   *
   * @throws IllegalArgumentException when the two hold different samples
   */
  public static Agreement between(Map<SampleKey, Boolean> a, Map<SampleKey, Boolean> b) {
    Objects.requireNonNull(a, "a");
    Objects.requireNonNull(b, "b");
    requireSameKeys(a, b);
    long yy = 0;
    long yn = 0;
    long ny = 0;
    long nn = 0;
    List<SampleKey> disagreements = new ArrayList<>();
    for (SampleKey key : new TreeSet<>(a.keySet())) {
      boolean x = a.get(key);
      boolean y = b.get(key);
      if (x && y) {
        yy++;
      } else if (x) {
        yn++;
      } else if (y) {
        ny++;
      } else {
        nn++;
      }
      if (x != y && disagreements.size() < DISAGREEMENTS_KEPT) {
        disagreements.add(key);
      }
    }
    return fromCounts(yy, yn, ny, nn, disagreements);
  }

  /**
   * Agreement between two judged-sample JSON Lines files (as core's {@link JudgedSampleReader}
   * reads them: {@code request_id, k, path, corrected}), paired on (request, k, path).
   *
   * @throws IllegalArgumentException when a file repeats a sample or the files differ in samples
   */
  public static Agreement between(Path a, Path b) throws IOException {
    return between(read(a), read(b));
  }

  private static Map<SampleKey, Boolean> read(Path file) throws IOException {
    Map<SampleKey, Boolean> out = new LinkedHashMap<>();
    try (RecordStream<SampleOutcome> outcomes = JudgedSampleReader.strict().open(file)) {
      while (outcomes.hasNext()) {
        SampleOutcome o = outcomes.next();
        if (out.put(o.key(), o.corrected()) != null) {
          throw new IllegalArgumentException(file.getFileName() + ": sample " + o.key() + " twice");
        }
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(file.getFileName() + ": no judged samples");
    }
    return out;
  }

  private static void requireSameKeys(Map<SampleKey, Boolean> a, Map<SampleKey, Boolean> b) {
    List<SampleKey> onlyA = a.keySet().stream().filter(k -> !b.containsKey(k)).sorted().toList();
    List<SampleKey> onlyB = b.keySet().stream().filter(k -> !a.containsKey(k)).sorted().toList();
    if (!onlyA.isEmpty() || !onlyB.isEmpty()) {
      throw new IllegalArgumentException(
          "the two judges did not judge the same samples: "
              + onlyA.size()
              + " only in A"
              + (onlyA.isEmpty() ? "" : " (e.g. " + onlyA.get(0) + ")")
              + ", "
              + onlyB.size()
              + " only in B"
              + (onlyB.isEmpty() ? "" : " (e.g. " + onlyB.get(0) + ")"));
    }
  }
}
