package org.c2lab.eval.openai;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import org.c2lab.core.model.Generation;

/**
 * One choice of an OpenAI-compatible response, before it becomes a {@link Generation}.
 *
 * @param text the generated text
 * @param finishReason the server's {@code finish_reason}, or null
 * @param tokenIds generated token ids when the server returned them, else null
 * @param promptTokens {@code usage.prompt_tokens}, or {@link Generation.Timing#UNKNOWN}
 * @param completionTokens {@code usage.completion_tokens}, or {@link Generation.Timing#UNKNOWN}
 */
public record Completion(
    String text, String finishReason, int[] tokenIds, int promptTokens, int completionTokens) {

  public Completion {
    Objects.requireNonNull(text, "text");
    tokenIds = tokenIds == null ? null : tokenIds.clone();
  }

  @Override
  public int[] tokenIds() {
    return tokenIds == null ? null : tokenIds.clone();
  }

  /** The first choice of {@code response}; fails clearly when there is none. */
  static JsonNode firstChoice(JsonNode response, String what) {
    JsonNode choices = response.get("choices");
    if (choices == null || !choices.isArray() || choices.isEmpty()) {
      throw new OpenAiException(
          what + ": unexpected response, no 'choices': " + ErrorBodies.excerpt(response.toString()),
          200,
          1,
          null);
    }
    return choices.get(0);
  }

  /** A {@code usage} count, or {@link Generation.Timing#UNKNOWN}. */
  static int usage(JsonNode response, String field) {
    JsonNode v = response.path("usage").path(field);
    return v.canConvertToInt() && v.intValue() >= 0 ? v.intValue() : Generation.Timing.UNKNOWN;
  }

  /** The finish reason of a choice, or null. */
  static String finishReason(JsonNode choice) {
    JsonNode v = choice.get("finish_reason");
    return v == null || v.isNull() ? null : v.asText();
  }
}
