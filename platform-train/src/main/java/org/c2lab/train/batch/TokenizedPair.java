package org.c2lab.train.batch;

/**
 * A preference pair as token ids: one prompt, two responses.
 *
 * @param chosen the prompt with the chosen response
 * @param rejected the same prompt with the rejected response
 * @param truncated whether {@link Truncation} shortened it
 */
public record TokenizedPair(
    TokenizedSequence chosen, TokenizedSequence rejected, boolean truncated) {
  /** Tokens of both sequences. */
  public int tokens() {
    return chosen.length() + rejected.length();
  }
}
