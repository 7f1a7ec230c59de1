package org.c2lab.core.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Typed access to the fields of one JSON Lines object, failing with {@link Problem}. */
final class JsonFields {
  private static final int SHOWN_VALUE_CHARS = 40;

  private JsonFields() {}

  /**
   * What is wrong with one field; {@link RecordStream} adds file and line. No stack trace: in
   * lenient mode these are control flow on every bad line.
   */
  static final class Problem extends RuntimeException {
    final String field;
    final String problem;

    Problem(String field, String problem) {
      super(field + ": " + problem, null, false, false);
      this.field = field;
      this.problem = problem;
    }
  }

  static String requireString(JsonNode obj, String field) {
    JsonNode v = require(obj, field);
    if (!v.isTextual()) {
      throw wrongType(field, "string", v);
    }
    return v.textValue();
  }

  static String optionalString(JsonNode obj, String field) {
    JsonNode v = obj.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw wrongType(field, "string", v);
    }
    return v.textValue();
  }

  static boolean requireBoolean(JsonNode obj, String field) {
    JsonNode v = require(obj, field);
    if (!v.isBoolean()) {
      throw wrongType(field, "boolean", v);
    }
    return v.booleanValue();
  }

  static int requireInt(JsonNode obj, String field) {
    JsonNode v = require(obj, field);
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw wrongType(field, "integer", v);
    }
    return v.intValue();
  }

  /** An optional int; null when the field is absent or JSON null. */
  static Integer optionalInt(JsonNode obj, String field) {
    JsonNode v = obj.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw wrongType(field, "integer", v);
    }
    return v.intValue();
  }

  /** An optional response id: 0, 1, or null when absent or JSON null. */
  static Integer optionalResponseId(JsonNode obj, String field) {
    Integer id = optionalInt(obj, field);
    if (id != null && id != 0 && id != 1) {
      throw new Problem(field, "expected 0 or 1, got " + id);
    }
    return id;
  }

  /** An optional array of ints; an empty list when absent or JSON null. */
  static List<Integer> optionalIntList(JsonNode obj, String field) {
    JsonNode v = obj.get(field);
    if (v == null || v.isNull()) {
      return List.of();
    }
    if (!v.isArray()) {
      throw wrongType(field, "array of integers", v);
    }
    List<Integer> out = new ArrayList<>(v.size());
    for (JsonNode e : v) {
      if (!e.isIntegralNumber() || !e.canConvertToInt()) {
        throw wrongType(field, "array of integers", v);
      }
      out.add(e.intValue());
    }
    return out;
  }

  private static JsonNode require(JsonNode obj, String field) {
    JsonNode v = obj.get(field);
    if (v == null) {
      throw new Problem(field, "missing");
    }
    return v;
  }

  private static Problem wrongType(String field, String expected, JsonNode got) {
    return new Problem(field, "expected " + expected + ", got " + describe(got));
  }

  /**
   * A short rendering of a JSON value for messages: scalars as JSON (strings cut to a few dozen
   * characters, since the data holds harmful text that should not flood logs), containers by kind.
   */
  static String describe(JsonNode v) {
    if (v.isArray()) {
      return "array";
    }
    if (v.isObject()) {
      return "object";
    }
    String json = v.toString();
    return json.length() <= SHOWN_VALUE_CHARS ? json : json.substring(0, SHOWN_VALUE_CHARS) + "...";
  }

  /** The JSON kind of a node, for "expected JSON object, got ..." messages. */
  static String kind(JsonNode v) {
    if (v.isArray()) {
      return "array";
    }
    if (v.isTextual()) {
      return "string";
    }
    if (v.isNumber()) {
      return "number";
    }
    if (v.isBoolean()) {
      return "boolean";
    }
    return v.isNull() ? "null" : v.getNodeType().name().toLowerCase(Locale.ROOT);
  }
}
