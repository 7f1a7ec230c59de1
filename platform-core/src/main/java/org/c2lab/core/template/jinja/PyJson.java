package org.c2lab.core.template.jinja;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Python's {@code json.dumps}, which Hugging Face's {@code tojson} filter calls: same separators,
 * indentation, float repr and escaping, so rendered tool schemas match transformers byte for byte.
 */
final class PyJson {
  private final Integer indent;
  private final String itemSeparator;
  private final String keySeparator;
  private final boolean sortKeys;
  private final boolean ensureAscii;

  private PyJson(
      Integer indent,
      String itemSeparator,
      String keySeparator,
      boolean sortKeys,
      boolean ensureAscii) {
    this.indent = indent;
    this.itemSeparator = itemSeparator;
    this.keySeparator = keySeparator;
    this.sortKeys = sortKeys;
    this.ensureAscii = ensureAscii;
  }

  /**
   * {@code json.dumps(value, ensure_ascii, indent, separators, sort_keys)}; {@code separators} is
   * null for Python's default ({@code ", "} and {@code ": "}, or {@code ","} when indenting).
   */
  static String dumps(
      Object value, boolean ensureAscii, Integer indent, List<?> separators, boolean sortKeys) {
    String item = indent == null ? ", " : ",";
    String key = ": ";
    if (separators != null) {
      if (separators.size() != 2) {
        throw new JinjaError("tojson: separators must be a pair (item_separator, key_separator)");
      }
      item = Values.str(separators.get(0));
      key = Values.str(separators.get(1));
    }
    StringBuilder sb = new StringBuilder();
    new PyJson(indent, item, key, sortKeys, ensureAscii).write(value, sb, 0);
    return sb.toString();
  }

  private void write(Object v, StringBuilder sb, int level) {
    if (v == null) {
      sb.append("null");
    } else if (v instanceof Boolean b) {
      sb.append(b ? "true" : "false");
    } else if (v instanceof Long l) {
      sb.append(l);
    } else if (v instanceof Double d) {
      sb.append(floatJson(d));
    } else if (v instanceof String s) {
      writeString(s, sb);
    } else if (v instanceof List<?> l) {
      writeList(l, sb, level);
    } else if (v instanceof Map<?, ?> m) {
      writeMap(m, sb, level);
    } else if (v instanceof Namespace ns) {
      writeMap(ns.attributes, sb, level);
    } else if (v instanceof Undefined u) {
      throw new JinjaError("Object of type Undefined is not JSON serializable (" + u.message + ")");
    } else {
      throw new JinjaError("Object of type " + Values.typeName(v) + " is not JSON serializable");
    }
  }

  private static String floatJson(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "Infinity" : "-Infinity";
    }
    return Values.floatRepr(d);
  }

  private void newline(StringBuilder sb, int level) {
    if (indent != null) {
      sb.append('\n').append(" ".repeat(indent * level));
    }
  }

  private void writeList(List<?> l, StringBuilder sb, int level) {
    if (l.isEmpty()) {
      sb.append("[]");
      return;
    }
    sb.append('[');
    for (int i = 0; i < l.size(); i++) {
      if (i > 0) {
        sb.append(itemSeparator);
      }
      newline(sb, level + 1);
      write(l.get(i), sb, level + 1);
    }
    newline(sb, level);
    sb.append(']');
  }

  private void writeMap(Map<?, ?> m, StringBuilder sb, int level) {
    if (m.isEmpty()) {
      sb.append("{}");
      return;
    }
    List<Map.Entry<String, Object>> entries = new ArrayList<>();
    m.forEach((k, val) -> entries.add(Map.entry(keyString(k), val == null ? NULL : val)));
    if (sortKeys) {
      entries.sort(Map.Entry.comparingByKey());
    }
    sb.append('{');
    for (int i = 0; i < entries.size(); i++) {
      if (i > 0) {
        sb.append(itemSeparator);
      }
      newline(sb, level + 1);
      writeString(entries.get(i).getKey(), sb);
      sb.append(keySeparator);
      Object val = entries.get(i).getValue();
      write(val == NULL ? null : val, sb, level + 1);
    }
    newline(sb, level);
    sb.append('}');
  }

  private static final Object NULL = new Object();

  private static String keyString(Object k) {
    if (k instanceof String s) {
      return s;
    }
    if (k == null || k instanceof Boolean || k instanceof Long) {
      return k == null ? "null" : k instanceof Boolean b ? (b ? "true" : "false") : k.toString();
    }
    if (k instanceof Double d) {
      return floatJson(d);
    }
    throw new JinjaError("keys must be str, int, float, bool or None, not " + Values.typeName(k));
  }

  private void writeString(String s, StringBuilder sb) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> {
          if (c < 0x20 || (ensureAscii && c > 0x7e)) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
