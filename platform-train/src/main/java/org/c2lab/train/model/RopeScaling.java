package org.c2lab.train.model;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The {@code rope_scaling} object of a Hugging Face config: its type ({@code rope_type}, or the
 * older {@code type}) and all its entries. Which types a model supports is decided by {@link
 * RotaryEmbedding}.
 *
 * @param type e.g. {@code "llama3"}, {@code "linear"}, {@code "yarn"}
 * @param parameters every entry of the object, numbers as {@link Number}
 */
public record RopeScaling(String type, Map<String, Object> parameters) {
  public RopeScaling {
    Objects.requireNonNull(type, "type");
    parameters = Map.copyOf(new TreeMap<>(parameters));
  }

  /** A numeric parameter; {@link ConfigException} naming {@code rope_scaling.NAME} if absent. */
  public double number(String name) {
    Object v = parameters.get(name);
    if (!(v instanceof Number n)) {
      throw new ConfigException(
          "rope_scaling." + name, "a number is required for rope type '" + type + "', got " + v);
    }
    return n.doubleValue();
  }
}
