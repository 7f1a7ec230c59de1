package org.c2lab.core.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * One generated sample.
 *
 * @param tokenIds ids of the returned text's tokens, or {@code null} for text-only endpoints
 * @param text the generated text, without the prompt and without any stop string
 * @param finishReason why generation ended
 * @param timing token counts and wall time
 */
public record Generation(int[] tokenIds, String text, FinishReason finishReason, Timing timing) {
  public Generation {
    tokenIds = tokenIds == null ? null : tokenIds.clone();
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(finishReason, "finishReason");
    Objects.requireNonNull(timing, "timing");
    if (tokenIds != null
        && timing.generatedTokens() != Timing.UNKNOWN
        && tokenIds.length > timing.generatedTokens()) {
      throw new IllegalArgumentException(
          "returned " + tokenIds.length + " tokens but generated " + timing.generatedTokens());
    }
  }

  /**
   * Counts and time of one sample.
   *
   * @param promptTokens tokens in the prompt, or {@link #UNKNOWN}
   * @param generatedTokens tokens the model produced (including any cut off by a stop string), or
   *     {@link #UNKNOWN} when an endpoint does not report per-sample usage
   * @param nanos wall time spent on this sample (its share of a batch), >= 0
   */
  public record Timing(int promptTokens, int generatedTokens, long nanos) {
    /** A count the backend did not report. */
    public static final int UNKNOWN = -1;

    public Timing {
      if (promptTokens < UNKNOWN || generatedTokens < UNKNOWN || nanos < 0) {
        throw new IllegalArgumentException(
            "invalid timing: prompt=" + promptTokens + " gen=" + generatedTokens + " ns=" + nanos);
      }
    }

    /** Generated tokens per second, or NaN when unknown or timed at zero. */
    public double tokensPerSecond() {
      return generatedTokens == UNKNOWN || nanos == 0 ? Double.NaN : generatedTokens * 1e9 / nanos;
    }
  }

  @Override
  public int[] tokenIds() {
    return tokenIds == null ? null : tokenIds.clone();
  }

  /** Whether the two samples have the same tokens, text and finish reason (timing aside). */
  public boolean sameOutputAs(Generation other) {
    return Arrays.equals(tokenIds, other.tokenIds)
        && text.equals(other.text)
        && finishReason == other.finishReason;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Generation g && sameOutputAs(g) && timing.equals(g.timing);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(tokenIds), text, finishReason, timing);
  }

  @Override
  public String toString() {
    return "Generation[tokenIds="
        + Arrays.toString(tokenIds)
        + ", text="
        + text
        + ", finishReason="
        + finishReason
        + ", timing="
        + timing
        + "]";
  }
}
