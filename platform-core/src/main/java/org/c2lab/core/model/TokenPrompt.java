package org.c2lab.core.model;

import java.util.Arrays;
import java.util.Objects;

/** A prompt given as token ids of the model's tokenizer. The array is copied in and out. */
public record TokenPrompt(int[] tokenIds) implements Prompt {
  public TokenPrompt {
    tokenIds = Objects.requireNonNull(tokenIds, "tokenIds").clone();
    for (int id : tokenIds) {
      if (id < 0) {
        throw new IllegalArgumentException("token ids must be >= 0, got " + id);
      }
    }
  }

  @Override
  public int[] tokenIds() {
    return tokenIds.clone();
  }

  /** Number of tokens. */
  public int length() {
    return tokenIds.length;
  }

  /** The token at {@code index}, without copying the array. */
  public int tokenAt(int index) {
    return tokenIds[index];
  }

  @Override
  public boolean isEmpty() {
    return tokenIds.length == 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TokenPrompt other && Arrays.equals(tokenIds, other.tokenIds);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(tokenIds);
  }

  @Override
  public String toString() {
    return "TokenPrompt" + Arrays.toString(tokenIds);
  }
}
