package org.c2lab.core.template;

import java.util.Objects;

/**
 * One message of a chat, as chat templates see it: {@code messages[i].role} and {@code
 * messages[i].content}.
 *
 * @param role usually {@code system}, {@code user} or {@code assistant}; templates decide which
 *     roles they accept
 * @param content the message text, possibly empty
 */
public record ChatMessage(String role, String content) {

  /** Validates that the role is a non-blank name and the content is present. */
  public ChatMessage {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(content, "content");
    if (role.isBlank()) {
      throw new IllegalArgumentException("chat message role must not be blank");
    }
  }

  /** A system message. */
  public static ChatMessage system(String content) {
    return new ChatMessage("system", content);
  }

  /** A user message. */
  public static ChatMessage user(String content) {
    return new ChatMessage("user", content);
  }

  /** An assistant message; as the last message, the prefix a prefill continues. */
  public static ChatMessage assistant(String content) {
    return new ChatMessage("assistant", content);
  }
}
