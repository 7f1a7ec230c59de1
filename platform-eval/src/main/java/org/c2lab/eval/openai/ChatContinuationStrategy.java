package org.c2lab.eval.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.c2lab.core.model.Prompt;
import org.c2lab.core.model.SamplingParams;
import org.c2lab.core.model.TextPrompt;
import org.c2lab.core.model.TokenPrompt;
import org.c2lab.core.template.ChatMessage;

/**
 * {@code /v1/chat/completions} with the chat's messages. When the chat ends with an assistant
 * prefix, the body asks the server to continue that message in the open turn ({@code
 * continue_final_message: true, add_generation_prompt: false}, vLLM's extension of the API, the
 * same as transformers' {@code apply_chat_template}); otherwise it asks for a new assistant turn.
 */
final class ChatContinuationStrategy implements PromptStrategy {

  @Override
  public String name() {
    return "chat";
  }

  @Override
  public String endpoint() {
    return "chat/completions";
  }

  @Override
  public boolean acceptsTokenPrompts(OpenAiClientConfig config) {
    return false;
  }

  @Override
  public ObjectNode body(ObjectNode body, Prompt prompt, SamplingParams params, long seed) {
    if (prompt instanceof TokenPrompt) {
      throw new IllegalArgumentException("/v1/chat/completions does not take token-id prompts");
    }
    List<ChatMessage> messages =
        ChatPrompts.messages(prompt)
            .orElseGet(() -> List.of(ChatMessage.assistant(((TextPrompt) prompt).text())));
    ArrayNode array = body.putArray("messages");
    for (ChatMessage m : messages) {
      array.addObject().put("role", m.role()).put("content", m.content());
    }
    boolean prefill = ChatPrompts.endsWithAssistant(messages);
    body.put("add_generation_prompt", !prefill);
    if (prefill) {
      body.put("continue_final_message", true);
    }
    return SamplingBody.apply(body, params, seed);
  }

  @Override
  public Completion read(JsonNode response, String what) {
    JsonNode choice = Completion.firstChoice(response, what);
    return new Completion(
        choice.path("message").path("content").asText(""),
        Completion.finishReason(choice),
        null,
        Completion.usage(response, "prompt_tokens"),
        Completion.usage(response, "completion_tokens"));
  }
}
