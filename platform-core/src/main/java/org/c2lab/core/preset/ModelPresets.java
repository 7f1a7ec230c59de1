package org.c2lab.core.preset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The registry of the ten models the paper evaluates, read from the {@code presets.json} resource
 * beside this class.
 *
 * <pre>{@code
 * ModelPreset qwen = ModelPresets.get("qwen2-7b-instruct");
 * String prompt = qwen.chatTemplate().renderContinuation(chat);
 * }</pre>
 */
public final class ModelPresets {
  private static final String RESOURCE = "presets.json";
  private static final Set<String> FIELDS =
      Set.of(
          "id",
          "paperName",
          "hfRepoId",
          "family",
          "templateId",
          "bosToken",
          "eosToken",
          "stopTokens",
          "parameterCount",
          "defaultSystemPrompt");
  private static final Map<String, ModelPreset> PRESETS = load();

  private ModelPresets() {}

  /** All presets in the paper's order. */
  public static Collection<ModelPreset> all() {
    return PRESETS.values();
  }

  /** The valid preset ids, in the paper's order. */
  public static Set<String> ids() {
    return PRESETS.keySet();
  }

  /** The preset with this id, if any. */
  public static Optional<ModelPreset> find(String id) {
    return Optional.ofNullable(PRESETS.get(id));
  }

  /**
   * The preset with this id.
   *
   * @throws IllegalArgumentException naming the valid ids when there is none
   */
  public static ModelPreset get(String id) {
    ModelPreset preset = PRESETS.get(id);
    if (preset == null) {
      throw new IllegalArgumentException(
          "unknown model preset '" + id + "'; valid ids: " + String.join(", ", PRESETS.keySet()));
    }
    return preset;
  }

  private static Map<String, ModelPreset> load() {
    try (InputStream in = ModelPresets.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource org/c2lab/core/preset/" + RESOURCE);
      }
      return parse(new ObjectMapper().readTree(in), RESOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  /** Parses a presets document; errors name the source, the entry and the field. */
  static Map<String, ModelPreset> parse(JsonNode root, String source) {
    if (root == null || !root.isArray()) {
      throw new IllegalArgumentException(source + ": expected a JSON array of presets");
    }
    Map<String, ModelPreset> presets = new LinkedHashMap<>();
    for (int i = 0; i < root.size(); i++) {
      JsonNode node = root.get(i);
      String where = source + "[" + i + "]";
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String field = it.next();
        if (!FIELDS.contains(field)) {
          throw new IllegalArgumentException(where + ": unknown field '" + field + "'");
        }
      }
      String id = text(node, "id", where);
      String paperName = text(node, "paperName", where);
      String hfRepoId = text(node, "hfRepoId", where);
      ModelFamily family = family(node, where);
      String templateId = text(node, "templateId", where);
      String bosToken = text(node, "bosToken", where);
      String eosToken = text(node, "eosToken", where);
      List<String> stopTokens = textList(node, "stopTokens", where);
      long parameterCount = node.path("parameterCount").asLong(0);
      String defaultSystemPrompt = text(node, "defaultSystemPrompt", where);
      ModelPreset preset;
      try {
        preset =
            new ModelPreset(
                id,
                paperName,
                hfRepoId,
                family,
                templateId,
                bosToken,
                eosToken,
                stopTokens,
                parameterCount,
                defaultSystemPrompt);
      } catch (IllegalArgumentException | NullPointerException e) {
        throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
      }
      if (presets.putIfAbsent(preset.id(), preset) != null) {
        throw new IllegalArgumentException(where + ": duplicate preset id '" + preset.id() + "'");
      }
    }
    return Collections.unmodifiableMap(presets);
  }

  private static String text(JsonNode node, String field, String where) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new IllegalArgumentException(where + ": field '" + field + "' must be a string");
    }
    return v.asText();
  }

  private static ModelFamily family(JsonNode node, String where) {
    String name = text(node, "family", where);
    try {
      return name == null ? null : ModelFamily.valueOf(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          where
              + ": field 'family' must be one of "
              + List.of(ModelFamily.values())
              + ", got "
              + name);
    }
  }

  private static List<String> textList(JsonNode node, String field, String where) {
    JsonNode v = node.get(field);
    if (v == null || !v.isArray()) {
      throw new IllegalArgumentException(where + ": field '" + field + "' must be a list");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode item : v) {
      if (!item.isTextual()) {
        throw new IllegalArgumentException(where + ": field '" + field + "' must hold strings");
      }
      out.add(item.asText());
    }
    return out;
  }
}
