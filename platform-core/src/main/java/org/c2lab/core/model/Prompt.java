package org.c2lab.core.model;

/**
 * Input to a model, as text (remote endpoints; the backend tokenizes) or as token ids (local
 * models; the caller rendered the chat template and tokenized, e.g. to keep an assistant turn open
 * for prefilling). Also used for the continuation of a {@link ScoreRequest}.
 */
public sealed interface Prompt permits TextPrompt, TokenPrompt {
  /** A text prompt. */
  static TextPrompt text(String text) {
    return new TextPrompt(text);
  }

  /** A token-id prompt. */
  static TokenPrompt tokens(int... tokenIds) {
    return new TokenPrompt(tokenIds);
  }

  /** Whether the prompt has no text or no tokens. */
  boolean isEmpty();
}
