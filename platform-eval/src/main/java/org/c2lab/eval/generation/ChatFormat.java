package org.c2lab.eval.generation;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.c2lab.core.preset.ModelPreset;
import org.c2lab.core.preset.ModelPresets;
import org.c2lab.core.template.ChatMessage;
import org.c2lab.core.template.ChatTemplate;
import org.c2lab.core.template.PromptMode;
import org.c2lab.core.template.RenderedPrompt;

/**
 * How a run turns a request (and an assistant prefix) into the prompt text one model sees: the
 * model's preset (default system prompt, stop tokens), its chat template (the preset's built-in one
 * or that of a {@code tokenizer_config.json}) and the prefill mode. Immutable and thread-safe.
 *
 * @param preset the model preset; supplies the default system prompt and the stop tokens
 * @param template the chat template rendered with
 * @param mode how an assistant prefix is left open (record it in provenance)
 */
public record ChatFormat(ModelPreset preset, ChatTemplate template, PromptMode mode) {

  public ChatFormat {
    Objects.requireNonNull(preset, "preset");
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(mode, "mode");
  }

  /**
   * The format of a preset, with the template of {@code tokenizerConfig} when given (else the
   * preset's built-in template).
   *
   * @throws IllegalArgumentException for an unknown preset id, naming the valid ones
   */
  public static ChatFormat of(String presetId, Path tokenizerConfig, PromptMode mode) {
    ModelPreset preset = ModelPresets.get(presetId);
    ChatTemplate template =
        tokenizerConfig == null
            ? preset.chatTemplate()
            : ChatTemplate.fromTokenizerConfig(tokenizerConfig);
    return new ChatFormat(preset, template, mode);
  }

  /**
   * The prompt that makes the model continue {@code assistantPrefix} as its reply to {@code
   * request}: [system,] user, assistant prefix, rendered in {@link #mode()}.
   */
  public RenderedPrompt continuation(String request, String assistantPrefix) {
    return template.renderPrompt(
        preset.withDefaultSystemPrompt(
            List.of(ChatMessage.user(request), ChatMessage.assistant(assistantPrefix))),
        mode);
  }

  /** The prompt for the model's own answer: [system,] user, then an empty assistant turn. */
  public String answer(String request) {
    return template.renderGenerationPrompt(
        preset.withDefaultSystemPrompt(List.of(ChatMessage.user(request))));
  }

  /** The preset's end-of-turn tokens, as stop strings for text backends. */
  public List<String> stopStrings() {
    return preset.stopTokens();
  }
}
