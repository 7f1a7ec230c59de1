package org.c2lab.web.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.util.List;
import java.util.UUID;
import org.c2lab.core.model.FinishReason;

/**
 * The OpenAI response shapes this server writes, as records serialized with snake_case names.
 * Fields OpenAI always sends are always written, {@code null} when unknown.
 */
final class Wire {
  private static final ObjectMapper JSON =
      new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

  private Wire() {}

  /** {@code value} as JSON text. */
  static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize a response: " + e.getMessage(), e);
    }
  }

  /** A fresh response id with OpenAI's prefix, e.g. {@code cmpl-...}. */
  static String id(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().replace("-", "");
  }

  /** Seconds since the epoch, OpenAI's {@code created}. */
  static long now() {
    return System.currentTimeMillis() / 1000;
  }

  /** OpenAI's {@code finish_reason}; vLLM's {@code abort} for a cancelled sample. */
  static String finishReason(FinishReason reason) {
    return switch (reason) {
      case STOP -> "stop";
      case LENGTH -> "length";
      case CANCELLED -> "abort";
      case ERROR -> "error";
    };
  }

  record ModelList(String object, List<ModelCard> data) {}

  record ModelCard(String id, String object, long created, String ownedBy, int maxModelLen) {}

  record Usage(Integer promptTokens, Integer completionTokens, Integer totalTokens) {
    static Usage of(Integer prompt, Integer completion) {
      return new Usage(
          prompt, completion, prompt == null || completion == null ? null : prompt + completion);
    }
  }

  record CompletionResponse(
      String id,
      String object,
      long created,
      String model,
      List<CompletionChoice> choices,
      Usage usage) {}

  record CompletionChoice(int index, String text, Logprobs logprobs, String finishReason) {}

  /**
   * Legacy-completions log-probabilities. {@code top_logprobs} is always null: core's model
   * interface gives the probability of a chosen token, not the most likely alternatives.
   */
  record Logprobs(
      List<String> tokens,
      List<Double> tokenLogprobs,
      List<Object> topLogprobs,
      List<Integer> textOffset) {}

  record ChatResponse(
      String id,
      String object,
      long created,
      String model,
      List<ChatChoice> choices,
      Usage usage) {}

  record ChatChoice(int index, Message message, Object logprobs, String finishReason) {}

  record Message(String role, String content) {}
}
