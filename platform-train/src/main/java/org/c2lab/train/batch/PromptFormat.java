package org.c2lab.train.batch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.c2lab.core.template.ChatMessage;
import org.c2lab.core.template.ChatTemplate;
import org.c2lab.core.template.TokenizerConfig;

/**
 * Renders training text with a model's chat template: the prompt is the user turn followed by the
 * assistant header (the generation prompt), the response is what the template writes for the
 * assistant turn after it, end-of-turn tokens included, as TRL does for conversational data.
 *
 * @param template the chat template
 */
public record PromptFormat(ChatTemplate template) {

  /** The file holding a model folder's template and special tokens. */
  public static final String TOKENIZER_CONFIG = "tokenizer_config.json";

  public PromptFormat {
    Objects.requireNonNull(template, "template");
  }

  /**
   * The format of a model folder: the chat template of its {@code tokenizer_config.json}, or, when
   * {@code builtInTemplate} is given, that shipped template with the folder's special tokens (for
   * base models without a template, e.g. an imported llama2.c model).
   */
  public static PromptFormat forModel(Path modelDir, String builtInTemplate) {
    Path config = modelDir.resolve(TOKENIZER_CONFIG);
    if (builtInTemplate == null) {
      return new PromptFormat(ChatTemplate.fromTokenizerConfig(config));
    }
    var tokens =
        Files.exists(config)
            ? TokenizerConfig.read(config).specialTokens()
            : org.c2lab.core.template.SpecialTokens.NONE;
    return new PromptFormat(ChatTemplate.builtIn(builtInTemplate, tokens));
  }

  /** The prompt text: the user turn and the assistant header. */
  public String prompt(String userPrompt) {
    return template.renderGenerationPrompt(List.of(ChatMessage.user(userPrompt)));
  }

  /**
   * The whole conversation text; it starts with {@link #prompt(String)}.
   *
   * @throws IllegalArgumentException when the template renders the two differently
   */
  public String conversation(String userPrompt, String response) {
    String prompt = prompt(userPrompt);
    String full =
        template.render(
            List.of(ChatMessage.user(userPrompt), ChatMessage.assistant(response)), false);
    if (!full.startsWith(prompt)) {
      throw new IllegalArgumentException(
          "chat template "
              + template.id()
              + " renders the conversation without its generation prompt as a prefix");
    }
    return full;
  }
}
