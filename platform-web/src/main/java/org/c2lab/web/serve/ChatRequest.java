package org.c2lab.web.serve;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.c2lab.core.template.ChatMessage;

/**
 * A {@code POST /v1/chat/completions} body.
 *
 * @param model the model asked for
 * @param messages the chat; content given as a string or as text parts
 * @param sampling decoding fields
 * @param addGenerationPrompt open a new assistant turn after the chat (default true)
 * @param continueFinalMessage leave the final assistant message open for the model to continue, as
 *     transformers' {@code continue_final_message} (vLLM's extension; default false)
 * @param addSpecialTokens let the tokenizer add BOS on top of the template's rendering (default
 *     false: templates write their own BOS)
 */
record ChatRequest(
    String model,
    List<ChatMessage> messages,
    Sampling sampling,
    boolean addGenerationPrompt,
    boolean continueFinalMessage,
    boolean addSpecialTokens) {
  /** {@code max_tokens} when the request has none: enough for a reply, bounded for a lab GPU. */
  static final int DEFAULT_MAX_TOKENS = 512;

  ChatRequest {
    Objects.requireNonNull(model, "model");
    messages = List.copyOf(messages);
    Objects.requireNonNull(sampling, "sampling");
  }

  static ChatRequest parse(String body) {
    JsonFields f = JsonFields.parse(body);
    String model = f.requiredString("model");
    List<ChatMessage> messages =
        messages(f.node("messages").orElseThrow(() -> JsonFields.missing("messages")));
    Sampling sampling = Sampling.read(f, DEFAULT_MAX_TOKENS);
    if (f.bool("logprobs", false)) {
      throw ApiException.invalid(
          "logprobs", "'logprobs' is not supported on chat completions; use /v1/completions");
    }
    boolean continueFinal = f.bool("continue_final_message", false);
    boolean addGenerationPrompt = f.bool("add_generation_prompt", true);
    if (continueFinal && addGenerationPrompt) {
      throw ApiException.invalid(
          "continue_final_message",
          "'continue_final_message' and 'add_generation_prompt' cannot both be true; send"
              + " add_generation_prompt: false to continue the final message");
    }
    if (continueFinal && !messages.get(messages.size() - 1).role().equals("assistant")) {
      throw ApiException.invalid(
          "messages",
          "'continue_final_message' needs a chat whose last message is the assistant's");
    }
    return new ChatRequest(
        model,
        messages,
        sampling,
        addGenerationPrompt,
        continueFinal,
        f.bool("add_special_tokens", false));
  }

  private static List<ChatMessage> messages(JsonNode array) {
    JsonFields.requireType("messages", array, array.isArray(), "an array of messages");
    if (array.isEmpty()) {
      throw ApiException.invalid("messages", "'messages' must not be empty");
    }
    List<ChatMessage> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      JsonNode m = array.get(i);
      String at = "messages[" + i + "]";
      JsonFields.requireType(at, m, m.isObject(), "an object with 'role' and 'content'");
      JsonNode role = m.path("role");
      if (!role.isTextual() || role.asText().isBlank()) {
        throw ApiException.invalid(at + ".role", "'" + at + ".role' must be a non-blank string");
      }
      out.add(new ChatMessage(role.asText(), content(m.get("content"), at + ".content")));
    }
    return out;
  }

  /** A string, or OpenAI's text parts joined by newlines (as vLLM joins them). */
  private static String content(JsonNode c, String at) {
    if (c == null || c.isNull()) {
      return "";
    }
    if (c.isTextual()) {
      return c.asText();
    }
    JsonFields.requireType(at, c, c.isArray(), "a string or an array of text parts");
    List<String> parts = new ArrayList<>(c.size());
    for (JsonNode part : c) {
      if (!part.path("type").asText().equals("text") || !part.path("text").isTextual()) {
        throw ApiException.invalid(
            at, "'" + at + "' parts must be {\"type\": \"text\", \"text\": ...}");
      }
      parts.add(part.get("text").asText());
    }
    return String.join("\n", parts);
  }
}
