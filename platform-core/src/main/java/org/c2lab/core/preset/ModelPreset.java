package org.c2lab.core.preset;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.c2lab.core.template.ChatMessage;
import org.c2lab.core.template.ChatTemplate;
import org.c2lab.core.template.SpecialTokens;

/**
 * What the platform needs to know about one of the models the paper evaluates: where to get it, how
 * it is built, how to prompt it and when its reply ends.
 *
 * @param id the platform's name for the model, e.g. {@code qwen2-7b-instruct}
 * @param paperName how the paper names it
 * @param hfRepoId its Hugging Face repository, {@code owner/name}
 * @param family its architecture
 * @param templateId the built-in chat template it uses ({@link ChatTemplate#builtInIds()})
 * @param bosToken its beginning-of-sequence token, null when its tokenizer has none
 * @param eosToken the end-of-sequence token its tokenizer config declares
 * @param stopTokens the tokens that end a reply (generation config's EOS ids), at least one
 * @param parameterCount its published parameter count (approximate)
 * @param defaultSystemPrompt the system prompt the model is meant to be used with when the chat has
 *     none and the template does not add one itself; null if none
 */
public record ModelPreset(
    String id,
    String paperName,
    String hfRepoId,
    ModelFamily family,
    String templateId,
    String bosToken,
    String eosToken,
    List<String> stopTokens,
    long parameterCount,
    String defaultSystemPrompt) {

  private static final Pattern ID = Pattern.compile("[a-z0-9]+(?:[.-][a-z0-9]+)*");
  private static final Pattern REPO = Pattern.compile("[A-Za-z0-9][\\w.-]*/[A-Za-z0-9][\\w.-]*");

  /** Validates every field; the message names the preset and the field at fault. */
  public ModelPreset {
    Objects.requireNonNull(id, "id");
    check(ID.matcher(id).matches(), id, "id must be lower-case words joined by '-' or '.'");
    check(paperName != null && !paperName.isBlank(), id, "paperName must not be blank");
    check(
        hfRepoId != null && REPO.matcher(hfRepoId).matches(),
        id,
        "hfRepoId must look like owner/name, got " + hfRepoId);
    check(family != null, id, "family is required");
    check(
        templateId != null && ChatTemplate.builtInIds().contains(templateId),
        id,
        "templateId must be one of " + ChatTemplate.builtInIds() + ", got " + templateId);
    check(bosToken == null || !bosToken.isEmpty(), id, "bosToken must be null or non-empty");
    check(eosToken != null && !eosToken.isEmpty(), id, "eosToken is required");
    check(stopTokens != null && !stopTokens.isEmpty(), id, "stopTokens must not be empty");
    stopTokens = List.copyOf(stopTokens);
    check(stopTokens.stream().noneMatch(String::isEmpty), id, "stopTokens must not be empty");
    check(parameterCount > 0, id, "parameterCount must be positive");
    check(
        defaultSystemPrompt == null || !defaultSystemPrompt.isBlank(),
        id,
        "defaultSystemPrompt must be null or non-blank");
  }

  private static void check(boolean ok, String id, String message) {
    if (!ok) {
      throw new IllegalArgumentException("model preset '" + id + "': " + message);
    }
  }

  /** The model's official chat template with its BOS and EOS tokens. */
  public ChatTemplate chatTemplate() {
    return ChatTemplate.builtIn(templateId, SpecialTokens.of(bosToken, eosToken));
  }

  /**
   * {@code messages} with {@link #defaultSystemPrompt()} prepended when there is one and the chat
   * has no system message; otherwise {@code messages} unchanged.
   */
  public List<ChatMessage> withDefaultSystemPrompt(List<ChatMessage> messages) {
    if (defaultSystemPrompt == null
        || (!messages.isEmpty() && messages.get(0).role().equals("system"))) {
      return messages;
    }
    List<ChatMessage> out = new ArrayList<>(messages.size() + 1);
    out.add(ChatMessage.system(defaultSystemPrompt));
    out.addAll(messages);
    return out;
  }
}
