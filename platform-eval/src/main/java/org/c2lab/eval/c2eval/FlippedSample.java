package org.c2lab.eval.c2eval;

import java.util.Objects;
import org.c2lab.core.metrics.SampleKey;

/**
 * A path judged corrected in one run and not in the other, with both runs' texts.
 *
 * @param key request, k and path
 * @param correctedInA true when A corrected and B did not; false for the reverse
 * @param request the user's request, or null when neither samples file has it
 * @param a run A's texts
 * @param b run B's texts
 */
public record FlippedSample(
    SampleKey key, boolean correctedInA, String request, SampleText a, SampleText b) {
  public FlippedSample {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(a, "a");
    Objects.requireNonNull(b, "b");
  }
}
