package org.c2lab.train.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.c2lab.core.model.Prompt;
import org.c2lab.core.model.TextPrompt;
import org.c2lab.core.model.TokenPrompt;
import org.c2lab.train.generation.Detokenizer;
import org.c2lab.train.model.ModelConfig;
import org.c2lab.train.tokenizer.TextTokenizer;

/**
 * Token ids of prompts, and text of generated ids, with a model's tokenizer.
 *
 * <p><b>The BOS rule.</b> A {@link TextPrompt} that already begins with the tokenizer's BOS token
 * string (e.g. {@code <s>}, {@code <|begin_of_text|>}; chat templates emit it) is encoded without
 * special tokens; any other text is encoded with them, so the tokenizer's post-processor adds BOS
 * where the model expects one. A text therefore never gets a second BOS (the reference code's
 * defect: templates that emit BOS, then a tokenizer that adds another). A {@link TokenPrompt} is
 * used as given. The BOS string is {@code bos_token} of {@code tokenizer_config.json}, else the
 * token of {@code bos_token_id} in {@code config.json}; a model with neither has no BOS and every
 * text is encoded with the post-processor's special tokens (if any).
 */
public final class PromptEncoder implements Detokenizer {
  /** Prompt tokens decoded before the generated ones to give them their context (as vLLM does). */
  private static final int CONTEXT_TOKENS = 6;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final TextTokenizer tokenizer;
  private final String bosToken;

  /** An encoder with {@code tokenizer} whose BOS token string is {@code bosToken} (or none). */
  public PromptEncoder(TextTokenizer tokenizer, Optional<String> bosToken) {
    this.tokenizer = tokenizer;
    this.bosToken = bosToken.filter(s -> !s.isEmpty()).orElse(null);
  }

  /** The encoder of a model folder: its tokenizer and the BOS string its files declare. */
  public static PromptEncoder of(Path dir, ModelConfig config, TextTokenizer tokenizer)
      throws IOException {
    Optional<String> bos = bosFromTokenizerConfig(dir.resolve("tokenizer_config.json"));
    if (bos.isEmpty() && config.bosTokenId() != null) {
      bos = Optional.of(tokenizer.decode(new long[] {config.bosTokenId()}, false));
    }
    return new PromptEncoder(tokenizer, bos);
  }

  private static Optional<String> bosFromTokenizerConfig(Path file) throws IOException {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    JsonNode bos = JSON.readTree(file.toFile()).path("bos_token");
    // A plain string, or an AddedToken object {"content": ...}; null when the model has none.
    JsonNode content = bos.isObject() ? bos.path("content") : bos;
    return content.isTextual() ? Optional.of(content.asText()) : Optional.empty();
  }

  /** The BOS token string, if the model has one. */
  public Optional<String> bosToken() {
    return Optional.ofNullable(bosToken);
  }

  /** The token ids of {@code prompt} by the BOS rule. */
  public int[] encode(Prompt prompt) {
    if (prompt instanceof TokenPrompt tokens) {
      return tokens.tokenIds();
    }
    String text = ((TextPrompt) prompt).text();
    return toInts(tokenizer.encode(text, !startsWithBos(text)));
  }

  /** Whether {@code text} carries its own BOS (and so gets no special tokens added). */
  public boolean startsWithBos(String text) {
    return bosToken != null && text.startsWith(bosToken);
  }

  /**
   * Prompt and continuation ids for scoring. Token prompts are used as given. Text is encoded as
   * one string, prompt + continuation, and split where its ids stop agreeing with the prompt's own
   * encoding (the scored tokens are those the model would see for the whole text; a token that
   * spans the boundary counts as continuation).
   *
   * @return {prompt ids, continuation ids}
   * @throws IllegalArgumentException when the continuation leaves no token of its own
   */
  public int[][] encodePair(Prompt prompt, Prompt continuation) {
    if (prompt instanceof TokenPrompt p && continuation instanceof TokenPrompt c) {
      return new int[][] {p.tokenIds(), c.tokenIds()};
    }
    String head = ((TextPrompt) prompt).text();
    String tail = ((TextPrompt) continuation).text();
    int[] context = encode(prompt);
    int[] whole = encode(Prompt.text(head + tail));
    int split = 0;
    while (split < context.length && split < whole.length && context[split] == whole[split]) {
      split++;
    }
    if (split == whole.length) {
      throw new IllegalArgumentException(
          "continuation '" + tail + "' adds no token after its prompt");
    }
    return new int[][] {
      java.util.Arrays.copyOfRange(whole, 0, split),
      java.util.Arrays.copyOfRange(whole, split, whole.length)
    };
  }

  /**
   * The text of {@code generatedIds} after {@code promptIds}: the last few prompt tokens and the
   * generated ones are decoded together and the context's own text removed, so that a word-start
   * token keeps its leading space. Special tokens are skipped.
   */
  @Override
  public String continuation(int[] promptIds, int[] generatedIds) {
    int from = Math.max(0, promptIds.length - CONTEXT_TOKENS);
    long[] context = new long[promptIds.length - from];
    for (int i = 0; i < context.length; i++) {
      context[i] = promptIds[from + i];
    }
    long[] both = java.util.Arrays.copyOf(context, context.length + generatedIds.length);
    for (int i = 0; i < generatedIds.length; i++) {
      both[context.length + i] = generatedIds[i];
    }
    String prefix = tokenizer.decode(context, true);
    String text = tokenizer.decode(both, true);
    if (text.startsWith(prefix)) {
      return text.substring(prefix.length());
    }
    long[] alone = java.util.Arrays.copyOfRange(both, context.length, both.length);
    return tokenizer.decode(alone, true);
  }

  private static int[] toInts(long[] ids) {
    int[] out = new int[ids.length];
    for (int i = 0; i < ids.length; i++) {
      out[i] = Math.toIntExact(ids[i]);
    }
    return out;
  }
}
