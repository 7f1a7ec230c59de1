package org.c2lab.core.template;

import java.util.List;

/**
 * How a chat that ends with an assistant prefix becomes a prefill prompt (C2-Eval, C2-Syn). Each
 * constant is the strategy itself; record the chosen one in the run's provenance.
 */
public enum PromptMode {
  /**
   * The correct behaviour and the default: transformers' {@code continue_final_message=True}. The
   * assistant turn stays open, so the model continues the prefix: no end-of-turn token after it and
   * no new assistant header. See {@link ChatTemplate#renderContinuation(List)}.
   */
  CONTINUE_FINAL_MESSAGE {
    @Override
    String render(ChatTemplate template, List<ChatMessage> messages) {
      return template.renderContinuation(messages);
    }
  },

  /**
   * The paper's reference code, kept only to reproduce its numbers: render the whole chat,
   * assistant prefix included, with a generation prompt, then delete every {@code </s>}. This
   * leaves the turn open for Llama-2-style templates (with a trailing space after the prefix), but
   * for ChatML (Qwen2), Llama-3, Zephyr and Phi-3 it closes the prefix's turn and opens a new
   * assistant turn: the model answers afresh instead of continuing.
   */
  REFERENCE {
    @Override
    String render(ChatTemplate template, List<ChatMessage> messages) {
      ChatTemplate.requireFinalAssistant(messages, name());
      return template.render(messages, true).replace(REFERENCE_DELETED_TOKEN, "");
    }
  };

  /** The literal string the reference code deletes, whatever the model's EOS token is. */
  public static final String REFERENCE_DELETED_TOKEN = "</s>";

  /** Renders a chat ending with an assistant prefix according to this mode. */
  abstract String render(ChatTemplate template, List<ChatMessage> messages);
}
