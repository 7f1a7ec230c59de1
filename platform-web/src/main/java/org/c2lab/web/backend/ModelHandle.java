package org.c2lab.web.backend;

import java.util.Objects;
import java.util.Optional;
import org.c2lab.core.model.LanguageModel;
import org.c2lab.core.template.ChatTemplate;

/**
 * An opened model with what is needed to talk to it: the model, its chat template and its tokenizer
 * when known. Closing the handle closes both.
 *
 * @param name the name clients address the model by (OpenAI's {@code model})
 * @param model the model
 * @param chatTemplate renders chats into prompts; empty when neither the model folder nor a preset
 *     gives one
 * @param tokenizer the model's tokenizer; empty for text-only backends
 */
public record ModelHandle(
    String name,
    LanguageModel model,
    Optional<ChatTemplate> chatTemplate,
    Optional<TokenCodec> tokenizer)
    implements AutoCloseable {

  public ModelHandle {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("model name must not be blank");
    }
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(chatTemplate, "chatTemplate");
    Objects.requireNonNull(tokenizer, "tokenizer");
  }

  /** The same model under another name. */
  public ModelHandle withName(String newName) {
    return new ModelHandle(newName, model, chatTemplate, tokenizer);
  }

  /** The same model with another chat template. */
  public ModelHandle withChatTemplate(ChatTemplate template) {
    return new ModelHandle(name, model, Optional.of(template), tokenizer);
  }

  @Override
  public void close() {
    try {
      model.close();
    } finally {
      tokenizer.ifPresent(TokenCodec::close);
    }
  }
}
