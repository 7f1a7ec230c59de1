package org.c2lab.web.backend;

import java.util.OptionalInt;

/**
 * A served model's tokenizer, as far as the model server needs it: prompt token counts, per-token
 * text and offsets for {@code logprobs}, and the end-of-text token that ends a generation. Models
 * without one (a remote endpoint) are served text-only.
 */
public interface TokenCodec extends AutoCloseable {
  /**
   * Token ids of {@code text}.
   *
   * @param addSpecialTokens add what the tokenizer's post-processor adds (e.g. BOS), as vLLM's
   *     {@code add_special_tokens}
   * @throws IllegalArgumentException if the text cannot be tokenized
   */
  int[] encode(String text, boolean addSpecialTokens);

  /** The text of {@code ids}, without special tokens. */
  String decode(int[] ids);

  /** The end-of-text token a generation stops at without returning it, when known. */
  OptionalInt endOfText();

  /** Releases native resources; the default has none. */
  @Override
  default void close() {}
}
