package org.c2lab.web.serve;

import java.util.Optional;
import org.c2lab.core.model.Capabilities;
import org.c2lab.core.model.Prompt;
import org.c2lab.core.model.TextPrompt;
import org.c2lab.core.model.TokenPrompt;
import org.c2lab.web.backend.ModelHandle;
import org.c2lab.web.backend.TokenCodec;

/**
 * A prompt as the served model gets it. When the server has the model's tokenizer and the model
 * takes token ids, text is tokenized here (honouring {@code add_special_tokens}, as vLLM does), so
 * that token counts and log-probabilities refer to exactly the tokens the model saw; otherwise text
 * goes to the model as text.
 *
 * @param forModel what the model is given
 * @param text the prompt's text as given; null for token ids (see {@link #text(ModelHandle)})
 * @param ids the prompt's token ids; null when the model tokenizes itself
 */
record EncodedPrompt(Prompt forModel, String text, int[] ids) {

  static EncodedPrompt of(ModelHandle handle, Prompt prompt, boolean addSpecialTokens) {
    Capabilities caps = handle.model().capabilities();
    Optional<TokenCodec> codec = handle.tokenizer();
    if (prompt instanceof TokenPrompt tokens) {
      if (!caps.tokenLevel()) {
        throw ApiException.invalid(
            "prompt", "model '" + handle.name() + "' takes text prompts, not token ids");
      }
      return new EncodedPrompt(prompt, null, tokens.tokenIds());
    }
    String text = ((TextPrompt) prompt).text();
    if (codec.isPresent() && caps.tokenLevel()) {
      int[] ids;
      try {
        ids = codec.get().encode(text, addSpecialTokens);
      } catch (IllegalArgumentException e) {
        throw ApiException.invalid("prompt", "cannot tokenize the prompt: " + e.getMessage());
      }
      return new EncodedPrompt(Prompt.tokens(ids), text, ids);
    }
    if (!caps.textPrompts()) {
      throw ApiException.invalid(
          "prompt",
          "model '" + handle.name() + "' takes token ids and the server has no tokenizer for it");
    }
    return new EncodedPrompt(prompt, text, null);
  }

  /**
   * The prompt's text: as given, or token ids decoded (once the model has accepted them), or null
   * when there is no tokenizer to decode them.
   */
  String text(ModelHandle handle) {
    if (text != null) {
      return text;
    }
    return handle.tokenizer().map(c -> c.decode(ids)).orElse(null);
  }

  /** The number of prompt tokens, or null when the model tokenizes itself and did not say. */
  Integer tokenCount(int reportedByModel) {
    if (ids != null) {
      return ids.length;
    }
    return reportedByModel >= 0 ? reportedByModel : null;
  }
}
