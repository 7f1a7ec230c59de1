package org.c2lab.eval.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.c2lab.core.model.Prompt;
import org.c2lab.core.model.SamplingParams;
import org.c2lab.core.model.TextPrompt;
import org.c2lab.core.model.TokenPrompt;
import org.c2lab.core.template.ChatMessage;
import org.c2lab.core.template.ChatTemplate;
import org.c2lab.core.template.PromptMode;

/**
 * {@code /v1/completions} with a raw prompt: text as given, a chat rendered by our own chat
 * template (so the platform, not the server, decides how a prefix stays open), or token ids when
 * the server accepts them. For token prompts it asks for the generated token ids ({@code logprobs:
 * 1, return_tokens_as_token_ids: true}, vLLM's {@code token_id:N} form).
 */
final class CompletionsStrategy implements PromptStrategy {
  private static final String TOKEN_ID = "token_id:";

  private final ChatTemplate template;
  private final PromptMode mode;

  CompletionsStrategy(ChatTemplate template, PromptMode mode) {
    this.template = template;
    this.mode = Objects.requireNonNull(mode, "mode");
  }

  @Override
  public String name() {
    return template == null ? "completions" : "completions+" + template.id() + "/" + mode;
  }

  @Override
  public String endpoint() {
    return "completions";
  }

  @Override
  public boolean acceptsTokenPrompts(OpenAiClientConfig config) {
    return config.tokenPrompts();
  }

  @Override
  public ObjectNode body(ObjectNode body, Prompt prompt, SamplingParams params, long seed) {
    if (prompt instanceof TokenPrompt tokens) {
      ArrayNode ids = body.putArray("prompt");
      for (int id : tokens.tokenIds()) {
        ids.add(id);
      }
      body.put("logprobs", 1);
      body.put("return_tokens_as_token_ids", true);
    } else {
      body.put("prompt", text((TextPrompt) prompt));
    }
    return SamplingBody.apply(body, params, seed);
  }

  private String text(TextPrompt prompt) {
    Optional<List<ChatMessage>> chat = ChatPrompts.messages(prompt);
    if (chat.isEmpty()) {
      return prompt.text();
    }
    if (template == null) {
      throw new IllegalArgumentException(
          "a chat prompt needs a chat template to go through /v1/completions; use"
              + " PromptStrategy.completions(template, mode) or chatContinuation()");
    }
    List<ChatMessage> messages = chat.get();
    return ChatPrompts.endsWithAssistant(messages)
        ? template.renderPrompt(messages, mode).text()
        : template.renderGenerationPrompt(messages);
  }

  @Override
  public Completion read(JsonNode response, String what) {
    JsonNode choice = Completion.firstChoice(response, what);
    return new Completion(
        choice.path("text").asText(""),
        Completion.finishReason(choice),
        tokenIds(choice.path("logprobs"), choice.path("text").asText("")),
        Completion.usage(response, "prompt_tokens"),
        Completion.usage(response, "completion_tokens"));
  }

  /**
   * The ids of the returned text's tokens, from {@code token_id:N} strings; null unless every token
   * has that form. Trailing tokens that add no text (an end-of-sequence or stop token, which
   * servers list but do not print) are dropped, located by {@code text_offset}.
   */
  private static int[] tokenIds(JsonNode logprobs, String text) {
    JsonNode tokens = logprobs.path("tokens");
    if (!tokens.isArray()) {
      return null;
    }
    int[] ids = new int[tokens.size()];
    for (int i = 0; i < ids.length; i++) {
      String t = tokens.get(i).asText("");
      if (!t.startsWith(TOKEN_ID)) {
        return null;
      }
      try {
        ids[i] = Integer.parseInt(t.substring(TOKEN_ID.length()));
      } catch (NumberFormatException e) {
        return null;
      }
    }
    JsonNode offsets = logprobs.path("text_offset");
    if (offsets.isArray() && offsets.size() == ids.length && ids.length > 0) {
      int end = offsets.get(0).asInt() + text.length();
      int kept = ids.length;
      while (kept > 0 && offsets.get(kept - 1).asInt() >= end) {
        kept--;
      }
      ids = Arrays.copyOf(ids, kept);
    }
    return ids;
  }
}
