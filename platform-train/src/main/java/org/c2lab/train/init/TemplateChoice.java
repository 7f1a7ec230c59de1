package org.c2lab.train.init;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.c2lab.core.preset.ModelPreset;
import org.c2lab.core.preset.ModelPresets;
import org.c2lab.core.template.ChatTemplate;
import org.c2lab.core.template.ChatTemplateException;
import org.c2lab.core.template.SpecialTokens;
import org.c2lab.core.template.TokenizerConfig;
import org.c2lab.core.template.jinja.TemplateException;

/**
 * The chat template a new model gets, with the special tokens that go with it.
 *
 * @param id where it comes from: {@code preset:ID}, a file name, or {@code none}
 * @param source the Jinja source, or null for none
 * @param bosToken BOS as the template's owner declares it, or null (then taken from the tokenizer)
 * @param eosToken EOS likewise, or null
 * @param stopTokens further tokens that end a reply (a preset's stop tokens), possibly empty
 */
public record TemplateChoice(
    String id, String source, String bosToken, String eosToken, List<String> stopTokens) {

  /** No chat template; special tokens from the tokenizer. */
  public static final TemplateChoice NONE = new TemplateChoice("none", null, null, null, List.of());

  public TemplateChoice {
    Objects.requireNonNull(id, "id");
    stopTokens = List.copyOf(stopTokens);
  }

  /**
   * A preset id (its built-in template, BOS, EOS and stop tokens), a {@code tokenizer_config.json}
   * (its template and special tokens), or any other file (the template's Jinja source).
   */
  public static TemplateChoice resolve(String value) throws IOException {
    var preset = ModelPresets.find(value);
    if (preset.isPresent()) {
      return of(preset.get());
    }
    Path file = Path.of(value);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          "chat template '"
              + value
              + "' is neither a preset ("
              + String.join(", ", ModelPresets.ids())
              + ") nor a file");
    }
    try {
      if (file.getFileName().toString().endsWith(".json")) {
        TokenizerConfig config = TokenizerConfig.read(file);
        return new TemplateChoice(
            file.getFileName().toString(),
            config.chatTemplate(null),
            config.specialTokens().bosToken(),
            config.specialTokens().eosToken(),
            List.of());
      }
      String source = Files.readString(file);
      ChatTemplate.of(file.getFileName().toString(), source, SpecialTokens.NONE); // syntax check
      return new TemplateChoice(file.getFileName().toString(), source, null, null, List.of());
    } catch (ChatTemplateException | TemplateException e) {
      // A file the user named that is not a usable template is bad input, not a crash.
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** A preset's template and tokens. */
  public static TemplateChoice of(ModelPreset preset) {
    return new TemplateChoice(
        "preset:" + preset.id(),
        preset.chatTemplate().source(),
        preset.bosToken(),
        preset.eosToken(),
        preset.stopTokens());
  }
}
