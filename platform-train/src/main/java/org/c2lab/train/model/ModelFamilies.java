package org.c2lab.train.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.c2lab.train.model.llama.LlamaFamily;

/** The families this runtime implements, looked up by config.json's {@code architectures}. */
public final class ModelFamilies {
  private static final Map<String, ModelFamily> BY_ARCHITECTURE = new LinkedHashMap<>();

  static {
    register(new LlamaFamily());
  }

  private ModelFamilies() {}

  private static void register(ModelFamily family) {
    family.architectures().forEach(a -> BY_ARCHITECTURE.put(a, family));
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

  /** Every supported architecture name. */
  public static List<String> supportedArchitectures() {
    return new ArrayList<>(BY_ARCHITECTURE.keySet());
  }
}
