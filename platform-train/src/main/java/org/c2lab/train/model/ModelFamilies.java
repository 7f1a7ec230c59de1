package org.c2lab.train.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.c2lab.train.model.glm.GlmFamily;
import org.c2lab.train.model.llama.LlamaFamily;
import org.c2lab.train.model.mistral.MistralFamily;
import org.c2lab.train.model.phi3.Phi3Family;
import org.c2lab.train.model.qwen2.Qwen2Family;

/**
 * The families this runtime implements, looked up by config.json's {@code architectures} (to load a
 * model) or by name (to create one).
 */
public final class ModelFamilies {
  private static final Map<String, ModelFamily> BY_ARCHITECTURE = new LinkedHashMap<>();
  private static final Map<String, ModelFamily> BY_NAME = new LinkedHashMap<>();

  static {
    register(new LlamaFamily());
    register(new MistralFamily());
    register(new Qwen2Family());
    register(new Phi3Family());
    register(new GlmFamily());
  }

  private ModelFamilies() {}

  private static void register(ModelFamily family) {
    family.architectures().forEach(a -> BY_ARCHITECTURE.put(a, family));
    BY_NAME.put(family.name(), family);
  }

  /**
   * The family called {@code name} ({@link #names()}); {@link IllegalArgumentException} if none.
   */
  public static ModelFamily byName(String name) {
    ModelFamily f = BY_NAME.get(name);
    if (f == null) {
      throw new IllegalArgumentException(
          "unknown model family '" + name + "'; valid: " + String.join(", ", BY_NAME.keySet()));
    }
    return f;
  }

  /** The family names: llama, mistral, qwen2, phi3, glm4. */
  public static List<String> names() {
    return new ArrayList<>(BY_NAME.keySet());
  }

  /** The family serving the config's first known architecture; {@link ConfigException} if none. */
  public static ModelFamily forConfig(ModelConfig config) {
    for (String a : config.architectures()) {
      ModelFamily f = BY_ARCHITECTURE.get(a);
      if (f != null) {
        return f;
      }
    }
    throw new ConfigException(
        "architectures",
        config.architectures()
            + " is not supported (supported: "
            + String.join(", ", BY_ARCHITECTURE.keySet())
            + ")");
  }

  /**
   * Reads {@code config.json} as its family's transformers config class does: absent fields take
   * the family's defaults ({@link ModelFamily#configDefaults()}), then Llama's.
   */
  public static ModelConfig readConfig(Path configJson) throws IOException {
    return ModelConfig.read(
        configJson,
        architectures ->
            architectures.stream()
                .map(BY_ARCHITECTURE::get)
                .filter(Objects::nonNull)
                .findFirst()
                .map(ModelFamily::configDefaults)
                .orElse(Map.of()));
  }

  /** Every supported architecture name. */
  public static List<String> supportedArchitectures() {
    return new ArrayList<>(BY_ARCHITECTURE.keySet());
  }
}
