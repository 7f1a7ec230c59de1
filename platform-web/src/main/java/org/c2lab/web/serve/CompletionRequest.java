package org.c2lab.web.serve;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.c2lab.core.model.Prompt;

/**
 * A {@code POST /v1/completions} body.
 *
 * @param model the model asked for
 * @param prompts the prompts: {@code prompt} as a string, an array of token ids, or an array of
 *     either (a batch)
 * @param sampling decoding fields
 * @param echo return the prompt before the completion
 * @param logprobs return each token's log-probability ({@code logprobs} present, 0 to 5)
 * @param tokenIdsAsTokens name tokens {@code token_id:N} in logprobs (vLLM's {@code
 *     return_tokens_as_token_ids})
 * @param addSpecialTokens let the tokenizer add BOS to text prompts (vLLM's {@code
 *     add_special_tokens}, default true)
 */
record CompletionRequest(
    String model,
    List<Prompt> prompts,
    Sampling sampling,
    boolean echo,
    boolean logprobs,
    boolean tokenIdsAsTokens,
    boolean addSpecialTokens) {
  /** OpenAI's default {@code max_tokens} for completions. */
  static final int DEFAULT_MAX_TOKENS = 16;

  /** OpenAI's largest {@code logprobs}. */
  static final int MAX_LOGPROBS = 5;

  CompletionRequest {
    Objects.requireNonNull(model, "model");
    prompts = List.copyOf(prompts);
    Objects.requireNonNull(sampling, "sampling");
  }

  static CompletionRequest parse(String body) {
    JsonFields f = JsonFields.parse(body);
    String model = f.requiredString("model");
    List<Prompt> prompts =
        prompts(f.node("prompt").orElseThrow(() -> JsonFields.missing("prompt")));
    Sampling sampling = Sampling.read(f, DEFAULT_MAX_TOKENS);
    boolean logprobs = f.integer("logprobs", 0, MAX_LOGPROBS).isPresent();
    return new CompletionRequest(
        model,
        prompts,
        sampling,
        f.bool("echo", false),
        logprobs,
        f.bool("return_tokens_as_token_ids", false),
        f.bool("add_special_tokens", true));
  }

  private static final String PROMPT_SHAPE =
      "a string, an array of token ids, or an array of strings or of token-id arrays";

  /** {@code prompt}: one prompt or a batch. */
  private static List<Prompt> prompts(JsonNode p) {
    if (p.isTextual()) {
      return List.of(Prompt.text(p.asText()));
    }
    JsonFields.requireType("prompt", p, p.isArray(), PROMPT_SHAPE);
    if (p.isEmpty()) {
      throw ApiException.invalid("prompt", "'prompt' must not be an empty array");
    }
    if (p.get(0).isNumber()) {
      return List.of(tokens(p));
    }
    List<Prompt> out = new ArrayList<>(p.size());
    for (JsonNode item : p) {
      if (item.isTextual()) {
        out.add(Prompt.text(item.asText()));
      } else {
        JsonFields.requireType("prompt", item, item.isArray(), PROMPT_SHAPE);
        out.add(tokens(item));
      }
    }
    return out;
  }

  private static Prompt tokens(JsonNode array) {
    int[] ids = new int[array.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = JsonFields.tokenId("prompt", array.get(i), 0, Integer.MAX_VALUE);
    }
    return Prompt.tokens(ids);
  }
}
