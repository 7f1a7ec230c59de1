package org.c2lab.core.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The chat-template part of a Hugging Face {@code tokenizer_config.json}: its chat templates and
 * special tokens.
 *
 * @param origin where it was read from, used in ids and error messages
 * @param chatTemplates templates by name; a plain-string {@code chat_template} is named {@code
 *     default}; empty if the tokenizer has none
 * @param specialTokens {@code bos_token}, {@code eos_token}, {@code unk_token}, {@code pad_token}
 *     and {@code additional_special_tokens}, given as strings or as {@code {"content": ...}}
 */
public record TokenizerConfig(
    String origin, Map<String, String> chatTemplates, SpecialTokens specialTokens) {

  /** The name of the template a plain-string {@code chat_template} defines. */
  public static final String DEFAULT_TEMPLATE = "default";

  /** Copies the template map (keeping its order) and validates the fields. */
  public TokenizerConfig {
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(specialTokens, "specialTokens");
    chatTemplates = Collections.unmodifiableMap(new LinkedHashMap<>(chatTemplates));
  }

  /**
   * Reads a {@code tokenizer_config.json}. When it has no {@code chat_template}, a {@code
   * chat_template.jinja} beside it (where newer transformers versions save the template) is used.
   *
   * @throws ChatTemplateException if the file cannot be read or a field has the wrong shape
   */
  public static TokenizerConfig read(Path file) {
    String json;
    try {
      json = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ChatTemplateException("cannot read tokenizer config " + file + ": " + e, e);
    }
    TokenizerConfig config = parse(json, file.toString());
    Path sibling = file.resolveSibling("chat_template.jinja");
    if (config.chatTemplates.isEmpty() && Files.isRegularFile(sibling)) {
      try {
        String template = Files.readString(sibling, StandardCharsets.UTF_8);
        return new TokenizerConfig(
            sibling.toString(), Map.of(DEFAULT_TEMPLATE, template), config.specialTokens);
      } catch (IOException e) {
        throw new ChatTemplateException("cannot read chat template " + sibling + ": " + e, e);
      }
    }
    return config;
  }

  /** Parses the JSON text of a {@code tokenizer_config.json} read from {@code origin}. */
  public static TokenizerConfig parse(String json, String origin) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(json);
    } catch (JsonProcessingException e) {
      throw new ChatTemplateException(
          origin
              + ": not valid JSON at line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ": "
              + e.getOriginalMessage(),
          e);
    }
    if (root == null || !root.isObject()) {
      throw new ChatTemplateException(origin + ": expected a JSON object");
    }
    SpecialTokens tokens =
        new SpecialTokens(
            token(root, "bos_token", origin),
            token(root, "eos_token", origin),
            token(root, "unk_token", origin),
            token(root, "pad_token", origin),
            tokenList(root, "additional_special_tokens", origin));
    return new TokenizerConfig(origin, templates(root.get("chat_template"), origin), tokens);
  }

  private static Map<String, String> templates(JsonNode node, String origin) {
    Map<String, String> out = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (node.isTextual()) {
      out.put(DEFAULT_TEMPLATE, node.asText());
      return out;
    }
    if (!node.isArray()) {
      throw new ChatTemplateException(
          origin + ": field 'chat_template' must be a string or a list of {name, template}");
    }
    for (int i = 0; i < node.size(); i++) {
      JsonNode entry = node.get(i);
      JsonNode name = entry.get("name");
      JsonNode template = entry.get("template");
      if (name == null || !name.isTextual() || template == null || !template.isTextual()) {
        throw new ChatTemplateException(
            origin + ": field 'chat_template[" + i + "]' must have string 'name' and 'template'");
      }
      out.put(name.asText(), template.asText());
    }
    return out;
  }

  private static String token(JsonNode root, String field, String origin) {
    return tokenText(root.get(field), origin, field);
  }

  private static String tokenText(JsonNode node, String origin, String field) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isTextual()) {
      return node.asText();
    }
    if (node.isObject() && node.path("content").isTextual()) {
      return node.get("content").asText();
    }
    throw new ChatTemplateException(
        origin + ": field '" + field + "' must be a string or {\"content\": string}");
  }

  private static List<String> tokenList(JsonNode root, String field, String origin) {
    JsonNode node = root.get(field);
    List<String> out = new ArrayList<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (!node.isArray()) {
      throw new ChatTemplateException(origin + ": field '" + field + "' must be a list");
    }
    for (int i = 0; i < node.size(); i++) {
      out.add(tokenText(node.get(i), origin, field + "[" + i + "]"));
    }
    return out;
  }

  /**
   * The template transformers would use: the one named {@code name}, or when {@code name} is null
   * the only one or the one named {@code default}.
   *
   * @throws ChatTemplateException if there is no such template
   */
  public String chatTemplate(String name) {
    if (chatTemplates.isEmpty()) {
      throw new ChatTemplateException(origin + ": the tokenizer config has no chat_template");
    }
    if (name != null) {
      String t = chatTemplates.get(name);
      if (t == null) {
        throw new ChatTemplateException(
            origin
                + ": no chat template named '"
                + name
                + "'; available: "
                + chatTemplates.keySet());
      }
      return t;
    }
    if (chatTemplates.containsKey(DEFAULT_TEMPLATE)) {
      return chatTemplates.get(DEFAULT_TEMPLATE);
    }
    if (chatTemplates.size() == 1) {
      return chatTemplates.values().iterator().next();
    }
    throw new ChatTemplateException(
        origin
            + ": several chat templates and none named 'default'; choose one of "
            + chatTemplates.keySet());
  }
}
