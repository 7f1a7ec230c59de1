package org.c2lab.eval.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.c2lab.core.model.Prompt;
import org.c2lab.core.model.TextPrompt;
import org.c2lab.core.template.ChatMessage;

/**
 * Carries a chat through core's {@link org.c2lab.core.model.LanguageModel} SPI, whose prompts are
 * text or token ids only. A chat prompt is a {@link TextPrompt} holding a marker and the messages
 * as JSON; the remote backend's {@link PromptStrategy} turns it into what its endpoint needs: our
 * chat template's rendering for {@code /v1/completions}, or the messages themselves for {@code
 * /v1/chat/completions}. The marker starts with a NUL character, which no real prompt text has.
 *
 * <pre>{@code
 * Prompt p = ChatPrompts.of(List.of(ChatMessage.user(request), ChatMessage.assistant(prefix)));
 * }</pre>
 */
public final class ChatPrompts {
  /** What every chat prompt's text starts with. */
  public static final String MARKER = "\u0000c2-chat:";

  private static final ObjectMapper JSON = new ObjectMapper();

  private ChatPrompts() {}

  /**
   * A prompt for {@code messages}. When the last message is the assistant's, the model continues it
   * (prefill); otherwise the model answers in a new assistant turn.
   */
  public static TextPrompt of(List<ChatMessage> messages) {
    Objects.requireNonNull(messages, "messages");
    if (messages.isEmpty()) {
      throw new IllegalArgumentException("a chat prompt needs at least one message");
    }
    ArrayNode array = JSON.createArrayNode();
    for (ChatMessage m : messages) {
      array.addObject().put("role", m.role()).put("content", m.content());
    }
    return new TextPrompt(MARKER + array);
  }

  /** The messages of a chat prompt made by {@link #of}; empty for any other prompt. */
  public static Optional<List<ChatMessage>> messages(Prompt prompt) {
    if (!(prompt instanceof TextPrompt text) || !text.text().startsWith(MARKER)) {
      return Optional.empty();
    }
    try {
      JsonNode array = JSON.readTree(text.text().substring(MARKER.length()));
      List<ChatMessage> out = new ArrayList<>(array.size());
      for (JsonNode m : array) {
        out.add(new ChatMessage(m.get("role").asText(), m.get("content").asText()));
      }
      return Optional.of(List.copyOf(out));
    } catch (JsonProcessingException | RuntimeException e) {
      throw new IllegalArgumentException("malformed chat prompt: " + e.getMessage(), e);
    }
  }

  /** Whether the chat ends with an assistant message, which the model is to continue. */
  static boolean endsWithAssistant(List<ChatMessage> messages) {
    return !messages.isEmpty() && messages.get(messages.size() - 1).role().equals("assistant");
  }
}
