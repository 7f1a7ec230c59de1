package org.c2lab.web.backend;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Objects;
import org.c2lab.core.preset.ModelPreset;
import org.c2lab.core.preset.ModelPresets;

/**
 * A model named on the command line: a local Hugging Face folder ({@code DIR}) or one of the
 * paper's presets behind an OpenAI-compatible endpoint ({@code PRESET@URL}, optionally {@code
 * PRESET@URL#NAME} when the server calls the model something else than the preset's Hugging Face
 * id, vLLM's default name).
 */
public sealed interface ModelSpec permits ModelSpec.Local, ModelSpec.Remote {
  /** The syntax, for help texts and error messages. */
  String SYNTAX = "DIR | PRESET@URL[#NAME]";

  /** A local folder in Hugging Face layout. */
  record Local(Path dir) implements ModelSpec {
    public Local {
      Objects.requireNonNull(dir, "dir");
    }
  }

  /**
   * A preset served elsewhere.
   *
   * @param preset the model, its chat template and stop tokens
   * @param baseUrl the API root of the server
   * @param servedName the name the server knows the model by
   */
  record Remote(ModelPreset preset, URI baseUrl, String servedName) implements ModelSpec {
    public Remote {
      Objects.requireNonNull(preset, "preset");
      Objects.requireNonNull(baseUrl, "baseUrl");
      Objects.requireNonNull(servedName, "servedName");
      if (servedName.isBlank()) {
        throw new IllegalArgumentException("the served model name after '#' must not be blank");
      }
    }
  }

  /**
   * Parses {@code DIR} or {@code PRESET@URL[#NAME]}. A spec is remote when the text after its first
   * {@code @} starts with {@code http://} or {@code https://}.
   *
   * @throws IllegalArgumentException for an unknown preset or a malformed URL, naming the syntax
   */
  public static ModelSpec parse(String spec) {
    Objects.requireNonNull(spec, "spec");
    if (spec.isBlank()) {
      throw new IllegalArgumentException("--model must not be blank; use " + SYNTAX);
    }
    int at = spec.indexOf('@');
    String rest = at < 0 ? "" : spec.substring(at + 1);
    if (!(rest.startsWith("http://") || rest.startsWith("https://"))) {
      return new Local(Path.of(spec));
    }
    String presetId = spec.substring(0, at);
    ModelPreset preset =
        ModelPresets.find(presetId)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "unknown model preset '"
                            + presetId
                            + "' in "
                            + SYNTAX
                            + "; presets: "
                            + String.join(", ", ModelPresets.ids())));
    int hash = rest.lastIndexOf('#');
    String url = hash < 0 ? rest : rest.substring(0, hash);
    String name = hash < 0 ? preset.hfRepoId() : rest.substring(hash + 1);
    try {
      return new Remote(preset, new URI(url), name);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a URL in " + SYNTAX + ": " + e.getMessage(), e);
    }
  }
}
