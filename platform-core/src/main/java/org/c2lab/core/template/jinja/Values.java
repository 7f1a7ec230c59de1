package org.c2lab.core.template.jinja;

import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The template value model and its Python semantics. Values are {@code null} (None), Boolean, Long,
 * Double, String, List (mutable list), {@link PyTuple}, Map (dict, insertion-ordered), {@link
 * Namespace}, {@link LoopContext}, {@link JinjaCallable} and {@link Undefined}.
 */
final class Values {
  private Values() {}

  /** Converts caller-supplied Java objects (records, collections, boxed numbers) deeply. */
  static Object fromJava(Object v) {
    if (v == null
        || v instanceof String
        || v instanceof Boolean
        || v instanceof Long
        || v instanceof Double
        || v instanceof Undefined
        || v instanceof Namespace
        || v instanceof JinjaCallable
        || v instanceof PyTuple) {
      return v;
    }
    if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof BigInteger b) {
      return b.longValueExact();
    }
    if (v instanceof Float || v instanceof BigDecimal) {
      return ((Number) v).doubleValue();
    }
    if (v instanceof Enum<?> e) {
      return e.name();
    }
    if (v instanceof Character c) {
      return c.toString();
    }
    if (v instanceof Optional<?> o) {
      return fromJava(o.orElse(null));
    }
    if (v instanceof Map<?, ?> m) {
      Map<Object, Object> out = new LinkedHashMap<>();
      m.forEach((k, val) -> out.put(fromJava(k), fromJava(val)));
      return out;
    }
    if (v instanceof Collection<?> c) {
      List<Object> out = new ArrayList<>(c.size());
      c.forEach(x -> out.add(fromJava(x)));
      return out;
    }
    if (v.getClass().isArray()) {
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < Array.getLength(v); i++) {
        out.add(fromJava(Array.get(v, i)));
      }
      return out;
    }
    if (v instanceof Record r) {
      return recordToMap(r);
    }
    throw new IllegalArgumentException(
        "cannot pass a " + v.getClass().getName() + " to a template; use maps, lists and scalars");
  }

  private static Map<Object, Object> recordToMap(Record r) {
    Map<Object, Object> out = new LinkedHashMap<>();
    for (RecordComponent rc : r.getClass().getRecordComponents()) {
      try {
        var accessor = rc.getAccessor();
        accessor.setAccessible(true);
        out.put(rc.getName(), fromJava(accessor.invoke(r)));
      } catch (ReflectiveOperationException e) {
        throw new IllegalArgumentException("cannot read record component " + rc.getName(), e);
      }
    }
    return out;
  }

  static boolean truthy(Object v) {
    if (v == null || v instanceof Undefined) {
      return false;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof Long l) {
      return l != 0;
    }
    if (v instanceof Double d) {
      return d != 0.0;
    }
    if (v instanceof String s) {
      return !s.isEmpty();
    }
    if (v instanceof Collection<?> c) {
      return !c.isEmpty();
    }
    if (v instanceof Map<?, ?> m) {
      return !m.isEmpty();
    }
    return true;
  }

  /** Python's {@code type(v).__name__}, used in error messages. */
  static String typeName(Object v) {
    if (v == null) {
      return "NoneType";
    }
    if (v instanceof Boolean) {
      return "bool";
    }
    if (v instanceof Long) {
      return "int";
    }
    if (v instanceof Double) {
      return "float";
    }
    if (v instanceof String) {
      return "str";
    }
    if (v instanceof PyTuple) {
      return "tuple";
    }
    if (v instanceof List<?>) {
      return "list";
    }
    if (v instanceof Map<?, ?>) {
      return "dict";
    }
    if (v instanceof Undefined) {
      return "Undefined";
    }
    if (v instanceof Namespace) {
      return "Namespace";
    }
    if (v instanceof LoopContext) {
      return "LoopContext";
    }
    return v instanceof JinjaCallable ? "function" : v.getClass().getSimpleName();
  }

  /** Python's {@code str(v)}; undefined renders as the empty string. */
  static String str(Object v) {
    if (v instanceof String s) {
      return s;
    }
    if (v instanceof Undefined) {
      return "";
    }
    return repr(v);
  }

  /** Python's {@code repr(v)}. */
  static String repr(Object v) {
    if (v == null) {
      return "None";
    }
    if (v instanceof Boolean b) {
      return b ? "True" : "False";
    }
    if (v instanceof Long l) {
      return l.toString();
    }
    if (v instanceof Double d) {
      return floatRepr(d);
    }
    if (v instanceof String s) {
      return stringRepr(s);
    }
    if (v instanceof PyTuple t) {
      return t.size() == 1 ? "(" + repr(t.get(0)) + ",)" : join(t, "(", ")");
    }
    if (v instanceof List<?> l) {
      return join(l, "[", "]");
    }
    if (v instanceof Map<?, ?> m) {
      StringBuilder sb = new StringBuilder("{");
      m.forEach(
          (k, val) -> {
            if (sb.length() > 1) {
              sb.append(", ");
            }
            sb.append(repr(k)).append(": ").append(repr(val));
          });
      return sb.append('}').toString();
    }
    if (v instanceof Undefined) {
      return "Undefined";
    }
    return v instanceof JinjaCallable ? "<function>" : v.toString();
  }

  private static String join(List<?> items, String open, String close) {
    StringBuilder sb = new StringBuilder(open);
    for (int i = 0; i < items.size(); i++) {
      sb.append(i > 0 ? ", " : "").append(repr(items.get(i)));
    }
    return sb.append(close).toString();
  }

  static String stringRepr(String s) {
    char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
    StringBuilder sb = new StringBuilder().append(quote);
    s.codePoints()
        .forEach(
            c -> {
              if (c == quote || c == '\\') {
                sb.append('\\').appendCodePoint(c);
              } else if (c == '\n') {
                sb.append("\\n");
              } else if (c == '\r') {
                sb.append("\\r");
              } else if (c == '\t') {
                sb.append("\\t");
              } else if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\x%02x", c));
              } else {
                sb.appendCodePoint(c);
              }
            });
    return sb.append(quote).toString();
  }

  /** Python's shortest round-trip float repr: {@code 1.0}, {@code 1e-05}, {@code 1e+16}. */
  static String floatRepr(double d) {
    if (Double.isNaN(d)) {
      return "nan";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "inf" : "-inf";
    }
    if (d == 0) {
      return 1 / d < 0 ? "-0.0" : "0.0";
    }
    BigDecimal bd = new BigDecimal(Double.toString(d)).stripTrailingZeros();
    String digits = bd.unscaledValue().abs().toString();
    int exp = digits.length() - 1 - bd.scale();
    String sign = d < 0 ? "-" : "";
    if (exp >= -4 && exp < 16) {
      String plain = bd.abs().toPlainString();
      return sign + (plain.contains(".") ? plain : plain + ".0");
    }
    String mantissa = digits.length() > 1 ? digits.charAt(0) + "." + digits.substring(1) : digits;
    return sign + mantissa + "e" + (exp < 0 ? "-" : "+") + String.format("%02d", Math.abs(exp));
  }

  /** Iterates like Python's {@code for}: dicts yield keys, strings yield characters. */
  static List<Object> iterate(Object v) {
    if (v instanceof List<?> l) {
      return new ArrayList<>(l);
    }
    if (v instanceof Map<?, ?> m) {
      return new ArrayList<>(m.keySet());
    }
    if (v instanceof String s) {
      List<Object> chars = new ArrayList<>();
      s.codePoints().forEach(c -> chars.add(new String(Character.toChars(c))));
      return chars;
    }
    if (v instanceof Undefined) {
      return new ArrayList<>();
    }
    throw new JinjaError("'" + typeName(v) + "' object is not iterable");
  }

  static long length(Object v) {
    if (v instanceof String s) {
      return s.codePointCount(0, s.length());
    }
    if (v instanceof Collection<?> c) {
      return c.size();
    }
    if (v instanceof Map<?, ?> m) {
      return m.size();
    }
    if (v instanceof Undefined) {
      return 0;
    }
    throw new JinjaError("object of type '" + typeName(v) + "' has no len()");
  }

  static boolean isNumber(Object v) {
    return v instanceof Long || v instanceof Double || v instanceof Boolean;
  }

  /** An int-like value (bool counts, as in Python) as a long. */
  static long toLong(Object v, String context) {
    if (v instanceof Long l) {
      return l;
    }
    if (v instanceof Boolean b) {
      return b ? 1 : 0;
    }
    if (v instanceof Undefined u) {
      throw u.error();
    }
    throw new JinjaError(context + ": expected an integer, got '" + typeName(v) + "'");
  }

  static double toDouble(Object v, String context) {
    if (v instanceof Double d) {
      return d;
    }
    return toLong(v, context);
  }
}
