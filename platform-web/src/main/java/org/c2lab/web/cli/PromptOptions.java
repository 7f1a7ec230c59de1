package org.c2lab.web.cli;

import java.nio.file.Path;
import org.c2lab.core.preset.ModelPreset;
import org.c2lab.core.preset.ModelPresets;
import org.c2lab.core.template.ChatTemplate;
import org.c2lab.core.template.PromptMode;
import picocli.CommandLine.Option;

/**
 * Options shared by every command that turns a chat into a prompt: which model's template, which
 * rendering mode. A mixin, so the flags read the same everywhere.
 */
public class PromptOptions {

  @Option(
      names = "--model",
      required = true,
      paramLabel = "PRESET",
      description = "Model preset id (see './c2 models list').")
  String model;

  @Option(
      names = "--tokenizer-config",
      paramLabel = "FILE",
      description =
          "Use the chat_template of this tokenizer_config.json instead of the preset's built-in"
              + " template (the preset still supplies the default system prompt).")
  Path tokenizerConfig;

  @Option(
      names = "--reference-mode",
      description =
          "Reproduce the reference code: render with a generation prompt, then delete </s>"
              + " (closes the turn for ChatML and Llama-3 templates).")
  boolean referenceMode;

  ModelPreset preset() {
    return ModelPresets.get(model);
  }

  ChatTemplate template() {
    return tokenizerConfig != null
        ? ChatTemplate.fromTokenizerConfig(tokenizerConfig)
        : preset().chatTemplate();
  }

  PromptMode mode() {
    return referenceMode ? PromptMode.REFERENCE : PromptMode.CONTINUE_FINAL_MESSAGE;
  }
}
