package org.c2lab.train.generation;

/**
 * The text that generated tokens add after a prompt, as the tokenizer decodes it in context (a
 * SentencePiece word-start token decodes to a leading space after a prompt but not at the start of
 * a text, so decoding the new tokens alone would lose it).
 */
@FunctionalInterface
public interface Detokenizer {
  /** The text of {@code generatedIds} following {@code promptIds}, without the prompt's text. */
  String continuation(int[] promptIds, int[] generatedIds);
}
