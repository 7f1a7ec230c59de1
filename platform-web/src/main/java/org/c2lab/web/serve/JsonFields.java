package org.c2lab.web.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Typed reading of a request's JSON fields, each failure a 400 naming the field. A JSON {@code
 * null} counts as absent, as OpenAI's SDKs send it for unset options.
 */
final class JsonFields {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final JsonNode root;

  private JsonFields(JsonNode root) {
    this.root = root;
  }

  /** Parses a request body, which must be one JSON object. */
  static JsonFields parse(String body) {
    if (body == null || body.isBlank()) {
      throw ApiException.invalid(null, "the request body is empty; send a JSON object");
    }
    JsonNode node;
    try {
      node = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw ApiException.invalid(
          null, "the request body is not valid JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw ApiException.invalid(null, "the request body must be a JSON object");
    }
    return new JsonFields(node);
  }

  /** The field's node, empty when absent or null. */
  Optional<JsonNode> node(String name) {
    JsonNode v = root.get(name);
    return v == null || v.isNull() ? Optional.empty() : Optional.of(v);
  }

  String requiredString(String name) {
    return string(name).orElseThrow(() -> missing(name));
  }

  Optional<String> string(String name) {
    return node(name).map(v -> requireType(name, v, v.isTextual(), "a string").asText());
  }

  boolean bool(String name, boolean absent) {
    return node(name)
        .map(v -> requireType(name, v, v.isBoolean(), "a boolean").booleanValue())
        .orElse(absent);
  }

  Optional<Long> integer(String name) {
    return node(name)
        .map(v -> requireType(name, v, v.isIntegralNumber() && v.canConvertToLong(), "an integer"))
        .map(JsonNode::longValue);
  }

  /** An integer within {@code [min, max]}. */
  Optional<Integer> integer(String name, long min, long max) {
    return integer(name)
        .map(
            v -> {
              if (v < min || v > max) {
                throw ApiException.invalid(
                    name, "'" + name + "' must be " + range(min, max) + ", got " + v);
              }
              return v.intValue();
            });
  }

  Optional<Double> number(String name) {
    return node(name)
        .map(v -> requireType(name, v, v.isNumber(), "a number"))
        .map(JsonNode::doubleValue);
  }

  /** A string or an array of strings, as OpenAI's {@code stop}. */
  List<String> stringOrStrings(String name) {
    Optional<JsonNode> node = node(name);
    if (node.isEmpty()) {
      return List.of();
    }
    JsonNode v = node.get();
    if (v.isTextual()) {
      return List.of(v.asText());
    }
    requireType(name, v, v.isArray(), "a string or an array of strings");
    List<String> out = new ArrayList<>(v.size());
    for (JsonNode item : v) {
      requireType(name, item, item.isTextual(), "a string or an array of strings");
      out.add(item.asText());
    }
    return out;
  }

  /** An array of integers within {@code [min, max]}. */
  List<Integer> integers(String name, long min, long max) {
    Optional<JsonNode> node = node(name);
    if (node.isEmpty()) {
      return List.of();
    }
    requireType(name, node.get(), node.get().isArray(), "an array of integers");
    List<Integer> out = new ArrayList<>();
    for (JsonNode item : node.get()) {
      out.add(tokenId(name, item, min, max));
    }
    return out;
  }

  /** One integer of an array field, within {@code [min, max]}. */
  static int tokenId(String name, JsonNode item, long min, long max) {
    requireType(name, item, item.isIntegralNumber() && item.canConvertToLong(), "integers");
    long v = item.longValue();
    if (v < min || v > max) {
      throw ApiException.invalid(
          name, "'" + name + "' holds " + v + "; values must be " + range(min, max));
    }
    return (int) v;
  }

  static ApiException missing(String name) {
    return ApiException.invalid(name, "'" + name + "' is required");
  }

  /** {@code v}, if {@code ok}; otherwise a 400 saying what the field must be. */
  static JsonNode requireType(String name, JsonNode v, boolean ok, String what) {
    if (!ok) {
      throw ApiException.invalid(
          name, "'" + name + "' must be " + what + ", got " + describe(v.getNodeType()));
    }
    return v;
  }

  private static String describe(JsonNodeType type) {
    return switch (type) {
      case ARRAY -> "an array";
      case OBJECT, POJO -> "an object";
      case NUMBER -> "a number";
      case STRING -> "a string";
      case BOOLEAN -> "a boolean";
      default -> type.name().toLowerCase(Locale.ROOT);
    };
  }

  private static String range(long min, long max) {
    return max == Long.MAX_VALUE || max == Integer.MAX_VALUE
        ? ">= " + min
        : "between " + min + " and " + max;
  }
}
