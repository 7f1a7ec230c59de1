package org.c2lab.core.template;

import java.util.Objects;

/**
 * A prompt rendered from a chat, with what a run records about how it was made.
 *
 * @param text the prompt text, including any special tokens the template writes (e.g. a leading
 *     BOS): tokenize it without adding special tokens again
 * @param mode how the final assistant message was turned into a prompt
 * @param templateId the chat template's id (built-in id, or where it was loaded from)
 * @param templateSha256 SHA-256 (lower-case hex) of the template source
 */
public record RenderedPrompt(
    String text, PromptMode mode, String templateId, String templateSha256) {

  /** Validates that every field is present and the hash is a SHA-256 hex digest. */
  public RenderedPrompt {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(templateId, "templateId");
    Objects.requireNonNull(templateSha256, "templateSha256");
    if (!templateSha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException(
          "templateSha256 must be 64 lower-case hex digits, got '" + templateSha256 + "'");
    }
  }
}
