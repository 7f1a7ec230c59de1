package org.c2lab.core.model;

import java.util.Objects;

/**
 * Score a continuation after a prompt: the log-probability the model assigns to each continuation
 * token given everything before it (used for DPO reference log-probs and for likelihood checks).
 * Prompt and continuation are of the same kind, both text or both token ids.
 */
public record ScoreRequest(Prompt prompt, Prompt continuation) {
  public ScoreRequest {
    Objects.requireNonNull(prompt, "prompt");
    Objects.requireNonNull(continuation, "continuation");
    if (prompt.getClass() != continuation.getClass()) {
      throw new IllegalArgumentException(
          "prompt and continuation must both be text or both tokens");
    }
    if (continuation.isEmpty()) {
      throw new IllegalArgumentException("continuation must not be empty");
    }
  }
}
