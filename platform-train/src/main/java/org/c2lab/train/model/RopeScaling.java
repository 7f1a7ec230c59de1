package org.c2lab.train.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The {@code rope_scaling} object of a Hugging Face config: its type ({@code rope_type}, or the
 * older {@code type}) and all its entries. Which types a model supports is decided by {@link
 * RotaryEmbedding}.
 *
 * @param type e.g. {@code "llama3"}, {@code "linear"}, {@code "yarn"}
 * @param parameters every entry of the object, numbers as {@link Number}, lists as {@link List}
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

  /** A numeric parameter, or {@code fallback} when absent or null. */
  public double number(String name, double fallback) {
    return parameters.containsKey(name) && !"null".equals(parameters.get(name))
        ? number(name)
        : fallback;
  }

  /**
   * A list of numbers (longrope's {@code short_factor}); {@link ConfigException} naming {@code
   * rope_scaling.NAME} unless it is a list of {@code length} numbers.
   */
  public float[] numbers(String name, int length) {
    Object v = parameters.get(name);
    if (!(v instanceof List<?> list)
        || list.size() != length
        || !list.stream().allMatch(Number.class::isInstance)) {
      throw new ConfigException(
          "rope_scaling." + name,
          "a list of " + length + " numbers is required for rope type '" + type + "', got " + v);
    }
    float[] out = new float[length];
    for (int i = 0; i < length; i++) {
      out[i] = ((Number) list.get(i)).floatValue();
    }
    return out;
  }
}
