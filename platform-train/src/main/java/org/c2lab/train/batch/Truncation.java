package org.c2lab.train.batch;

/**
 * How long a training sequence may be. A pair whose prompt plus longer response exceeds {@code
 * maxLength} tokens is truncated: first the prompt to its last {@code maxPromptLength} tokens
 * (TRL's {@code keep_end}: the assistant header next to the response survives), then each response
 * to what is left. Such pairs are counted, never dropped silently.
 *
 * @param maxLength most tokens of prompt + response
 * @param maxPromptLength most prompt tokens kept when truncating, below {@code maxLength}
 */
public record Truncation(int maxLength, int maxPromptLength) {
  /** The protocol's default: 512 tokens in all, at most 256 of them prompt. */
  public static final Truncation DEFAULT = new Truncation(512, 256);

  public Truncation {
    if (maxLength < 2) {
      throw new IllegalArgumentException("max length must be >= 2, got " + maxLength);
    }
    if (maxPromptLength < 1 || maxPromptLength >= maxLength) {
      throw new IllegalArgumentException(
          "max prompt length must be in [1, max length " + maxLength + "), got " + maxPromptLength);
    }
  }
}
