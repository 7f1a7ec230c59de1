package org.c2lab.eval.c2eval;

import java.util.List;
import java.util.Objects;
import org.c2lab.core.metrics.PairedComparison;

/**
 * The result of {@code eval compare A B}.
 *
 * @param samplesA run A's samples file
 * @param samplesB run B's samples file
 * @param paired exact McNemar per k and overall, paired bootstrap of the Corr_mean difference (B -
 *     A), flipped keys
 * @param flipped every flipped path with both texts: A-only corrections first, then B-only, each in
 *     key order
 * @param warnings what could not be checked or was allowed to differ; empty when the runs are
 *     verified to share data, k values, seeds and b
 */
public record RunComparison(
    String samplesA,
    String samplesB,
    PairedComparison paired,
    List<FlippedSample> flipped,
    List<String> warnings) {
  public RunComparison {
    Objects.requireNonNull(samplesA, "samplesA");
    Objects.requireNonNull(samplesB, "samplesB");
    Objects.requireNonNull(paired, "paired");
    flipped = List.copyOf(flipped);
    warnings = List.copyOf(warnings);
  }
}
