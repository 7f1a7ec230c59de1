package org.c2lab.core.model;

/**
 * What a {@link LanguageModel} can do.
 *
 * @param tokenLevel accepts {@link TokenPrompt}s and returns token ids (a local model with its
 *     tokenizer; not a remote chat endpoint)
 * @param scoring implements {@link LanguageModel#score(java.util.List)}
 * @param textPrompts accepts {@link TextPrompt}s
 * @param maxContext the largest prompt plus generation length in tokens
 */
public record Capabilities(
    boolean tokenLevel, boolean scoring, boolean textPrompts, int maxContext) {
  public Capabilities {
    if (!tokenLevel && !textPrompts) {
      throw new IllegalArgumentException("a model must accept token or text prompts");
    }
    if (maxContext < 1) {
      throw new IllegalArgumentException("maxContext must be >= 1, was " + maxContext);
    }
  }

  /** Whether {@code prompt} is of a kind this model accepts. */
  public boolean accepts(Prompt prompt) {
    // Prompt is sealed: a prompt that is not token ids is text.
    return prompt instanceof TokenPrompt ? tokenLevel : textPrompts;
  }
}
