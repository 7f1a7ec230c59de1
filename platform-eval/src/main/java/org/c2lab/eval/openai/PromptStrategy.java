package org.c2lab.eval.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.c2lab.core.model.Prompt;
import org.c2lab.core.model.SamplingParams;
import org.c2lab.core.template.ChatTemplate;
import org.c2lab.core.template.PromptMode;

/**
 * How a prompt reaches an OpenAI-compatible server: which endpoint, which request body, and how to
 * read the one sample out of the response. Each strategy is one request per sample ({@code n: 1}
 * with that sample's {@code seed}), see {@link OpenAiLanguageModel}.
 */
public interface PromptStrategy {
  /** A short name for ids and provenance, e.g. {@code completions}. */
  String name();

  /** The endpoint below the API root, e.g. {@code completions}. */
  String endpoint();

  /** Whether token-id prompts can be sent with this configuration. */
  boolean acceptsTokenPrompts(OpenAiClientConfig config);

  /**
   * The request body for one sample of {@code prompt} drawn with {@code seed}.
   *
   * @param body a new body that already holds {@code model}
   * @throws IllegalArgumentException if the prompt cannot be sent this way
   */
  ObjectNode body(ObjectNode body, Prompt prompt, SamplingParams params, long seed);

  /** The sample in a successful response to {@link #body}. */
  Completion read(JsonNode response, String what);

  /**
   * Raw prompts through {@code /v1/completions}. Text prompts are sent as they are; chat prompts
   * ({@link ChatPrompts}) are refused, as there is no template to render them with.
   */
  static PromptStrategy completions() {
    return new CompletionsStrategy(null, PromptMode.CONTINUE_FINAL_MESSAGE);
  }

  /**
   * Raw prompts through {@code /v1/completions}, chat prompts rendered client-side by {@code
   * template}: a chat ending with an assistant prefix in {@code mode} (continue the prefix, or the
   * reference code's behaviour), any other chat with the generation prompt.
   */
  static PromptStrategy completions(ChatTemplate template, PromptMode mode) {
    return new CompletionsStrategy(template, mode);
  }

  /**
   * Chats through {@code /v1/chat/completions}, the server's own chat template rendering them; an
   * assistant prefix is continued with vLLM's {@code continue_final_message: true,
   * add_generation_prompt: false}. A plain text prompt is sent as a lone assistant message to
   * continue.
   */
  static PromptStrategy chatContinuation() {
    return new ChatContinuationStrategy();
  }
}
