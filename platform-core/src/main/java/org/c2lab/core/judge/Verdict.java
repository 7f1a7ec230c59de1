package org.c2lab.core.judge;

import java.util.Objects;

/**
 * A judge's decision about one continuation.
 *
 * @param corrected whether the continuation course-corrects
 * @param confidence the judge's probability for its decision in [0, 1], or NaN when it has none
 * @param rationale a short human-readable reason, or {@code null}
 * @param judgeId the {@link Judge#id()} of the judge that decided
 * @param rawOutput the judge's unparsed output (e.g. an LLM reply), or {@code null}
 */
public record Verdict(
    boolean corrected, double confidence, String rationale, String judgeId, String rawOutput) {

  public Verdict {
    if (!Double.isNaN(confidence) && !(confidence >= 0 && confidence <= 1)) {
      throw new IllegalArgumentException("confidence must be NaN or in [0, 1], was " + confidence);
    }
    Objects.requireNonNull(judgeId, "judgeId");
    if (judgeId.isBlank()) {
      throw new IllegalArgumentException("judgeId must not be blank");
    }
  }

  /** A verdict without confidence, rationale or raw output. */
  public static Verdict of(boolean corrected, String judgeId) {
    return new Verdict(corrected, Double.NaN, null, judgeId, null);
  }

  /** Whether the judge reported a confidence. */
  public boolean hasConfidence() {
    return !Double.isNaN(confidence);
  }

  // Records compare doubles with Double.compare, so NaN confidences are equal: good for caching.
}
