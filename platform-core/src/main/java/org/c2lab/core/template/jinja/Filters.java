package org.c2lab.core.template.jinja;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Jinja2's built-in filters plus Hugging Face's {@code tojson}. */
final class Filters {
  @FunctionalInterface
  interface Filter {
    Object apply(Object value, Args args);
  }

  private static final Map<String, Filter> FILTERS = new HashMap<>();
  private static final Pattern WORD = Pattern.compile("\\w+", Pattern.UNICODE_CHARACTER_CLASS);

  static {
    FILTERS.put(
        "trim", (v, a) -> Strings.strip(str(v), a.check(1, "chars").string(0, "chars", null)));
    FILTERS.put("length", (v, a) -> Values.length(v));
    FILTERS.put("count", FILTERS.get("length"));
    FILTERS.put("upper", (v, a) -> str(v).toUpperCase(Locale.ROOT));
    FILTERS.put("lower", (v, a) -> str(v).toLowerCase(Locale.ROOT));
    FILTERS.put("capitalize", (v, a) -> Strings.capitalize(str(v)));
    FILTERS.put("title", (v, a) -> Strings.jinjaTitle(str(v)));
    FILTERS.put(
        "replace",
        (v, a) ->
            Strings.replace(
                str(v),
                str(a.required(0, "old")),
                str(a.required(1, "new")),
                a.get(2, "count", null) == null ? -1 : a.integer(2, "count", -1)));
    FILTERS.put("join", Filters::join);
    FILTERS.put("first", (v, a) -> firstOrLast(v, true));
    FILTERS.put("last", (v, a) -> firstOrLast(v, false));
    FILTERS.put("default", Filters::defaultValue);
    FILTERS.put("d", FILTERS.get("default"));
    FILTERS.put("tojson", Filters::tojson);
    FILTERS.put("list", (v, a) -> Values.iterate(v));
    FILTERS.put("string", (v, a) -> str(v));
    FILTERS.put("safe", (v, a) -> str(v));
    FILTERS.put("escape", (v, a) -> escape(str(v)));
    FILTERS.put("e", FILTERS.get("escape"));
    FILTERS.put("int", Filters::toInt);
    FILTERS.put("float", Filters::toFloat);
    FILTERS.put("items", Filters::items);
    FILTERS.put("reverse", Filters::reverse);
    FILTERS.put("selectattr", (v, a) -> selectAttr(v, a, true));
    FILTERS.put("rejectattr", (v, a) -> selectAttr(v, a, false));
    FILTERS.put("select", (v, a) -> select(v, a, true));
    FILTERS.put("reject", (v, a) -> select(v, a, false));
    FILTERS.put("map", Filters::map);
    FILTERS.put("attr", (v, a) -> Operators.getAttr(v, str(a.required(0, "name"))));
    FILTERS.put("round", Filters::round);
    FILTERS.put("abs", Filters::abs);
    FILTERS.put("unique", Filters::unique);
    FILTERS.put("sort", Filters::sort);
    FILTERS.put("dictsort", Filters::dictsort);
    FILTERS.put("batch", Filters::batch);
    FILTERS.put("sum", Filters::sum);
    FILTERS.put("min", (v, a) -> extreme(v, a, true));
    FILTERS.put("max", (v, a) -> extreme(v, a, false));
    FILTERS.put("wordcount", (v, a) -> WORD.matcher(str(v)).results().count());
    FILTERS.put("center", Filters::center);
    FILTERS.put("indent", Filters::indent);
    FILTERS.put("format", (v, a) -> formatFilter(str(v), a));
  }

  private Filters() {}

  static boolean has(String name) {
    return FILTERS.containsKey(name);
  }

  static Object apply(String name, Object value, List<Object> args, Map<String, Object> kwargs) {
    Filter f = FILTERS.get(name);
    if (f == null) {
      throw new JinjaError("no filter named '" + name + "'");
    }
    return f.apply(value, new Args(name, args, kwargs));
  }

  private static String str(Object v) {
    return Values.str(v);
  }

  private static Object join(Object v, Args a) {
    a.check(2, "d", "attribute");
    String sep = a.string(0, "d", "");
    Object attribute = a.get(1, "attribute", null);
    List<String> parts = new ArrayList<>();
    for (Object o : Values.iterate(v)) {
      parts.add(str(attribute == null ? o : attrPath(o, attribute)));
    }
    return String.join(sep, parts);
  }

  private static Object firstOrLast(Object v, boolean first) {
    List<Object> items = Values.iterate(v);
    if (items.isEmpty()) {
      return new Undefined("No " + (first ? "first" : "last") + " item, sequence was empty.");
    }
    return items.get(first ? 0 : items.size() - 1);
  }

  private static Object defaultValue(Object v, Args a) {
    a.check(2, "default_value", "boolean");
    boolean useOnFalsy = a.bool(1, "boolean", false);
    boolean missing = v instanceof Undefined || (useOnFalsy && !Values.truthy(v));
    return missing ? a.get(0, "default_value", "") : v;
  }

  private static Object tojson(Object v, Args a) {
    a.check(4, "ensure_ascii", "indent", "separators", "sort_keys");
    Object indent = a.get(1, "indent", null);
    Object separators = a.get(2, "separators", null);
    if (separators != null && !(separators instanceof List<?>)) {
      throw new JinjaError("tojson: separators must be a tuple or list");
    }
    return PyJson.dumps(
        v,
        a.bool(0, "ensure_ascii", false),
        indent == null ? null : (int) Values.toLong(indent, "tojson"),
        (List<?>) separators,
        a.bool(3, "sort_keys", false));
  }

  static String escape(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&#34;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  private static Object toInt(Object v, Args a) {
    a.check(2, "default", "base");
    Object fallback = a.get(0, "default", 0L);
    try {
      if (v instanceof String s) {
        String t = Strings.strip(s, null).replace("_", "");
        try {
          return parseInt(t, (int) a.integer(1, "base", 10));
        } catch (NumberFormatException e) {
          return (long) Double.parseDouble(t);
        }
      }
      if (v instanceof Double d) {
        return (long) (double) d;
      }
      return Values.toLong(v, "int");
    } catch (RuntimeException e) {
      return fallback;
    }
  }

  /** Python's {@code int(s, base)}: a 0x/0o/0b prefix is allowed when it matches the base. */
  private static long parseInt(String s, int base) {
    boolean negative = s.startsWith("-");
    String digits = s.startsWith("-") || s.startsWith("+") ? s.substring(1) : s;
    String lower = digits.toLowerCase(Locale.ROOT);
    int radix = base;
    for (String[] prefix : new String[][] {{"0x", "16"}, {"0o", "8"}, {"0b", "2"}}) {
      int r = Integer.parseInt(prefix[1]);
      if (lower.startsWith(prefix[0]) && (base == r || base == 0)) {
        digits = digits.substring(2);
        radix = r;
      }
    }
    long value = Long.parseLong(digits, radix == 0 ? 10 : radix);
    return negative ? -value : value;
  }

  private static Object toFloat(Object v, Args a) {
    a.check(1, "default");
    try {
      if (v instanceof String s) {
        return Double.parseDouble(Strings.strip(s, null));
      }
      return Values.toDouble(v, "float");
    } catch (RuntimeException e) {
      return a.get(0, "default", 0.0);
    }
  }

  private static Object items(Object v, Args a) {
    if (v instanceof Undefined) {
      return new ArrayList<>();
    }
    if (!(v instanceof Map<?, ?> m)) {
      throw new JinjaError("Can only get item pairs from a mapping.");
    }
    List<Object> out = new ArrayList<>();
    m.forEach((k, val) -> out.add(PyTuple.of(k, val)));
    return out;
  }

  private static Object reverse(Object v, Args a) {
    if (v instanceof String s) {
      return new StringBuilder(s).reverse().toString();
    }
    List<Object> items = Values.iterate(v);
    Collections.reverse(items);
    return items;
  }

  /** Jinja2's attribute getter: a dotted path whose integer parts index sequences. */
  private static Object attrPath(Object obj, Object path) {
    if (!(path instanceof String s)) {
      return Operators.getItem(obj, path);
    }
    Object cur = obj;
    for (String part : s.split("\\.")) {
      Object key =
          part.chars().allMatch(Character::isDigit) && !part.isEmpty()
              ? (Object) Long.parseLong(part)
              : part;
      cur = Operators.getItem(cur, key);
    }
    return cur;
  }

  private static boolean testArgs(Object value, Args a, int testIndex) {
    if (a.positional().size() <= testIndex) {
      return Values.truthy(value);
    }
    String test = str(a.positional().get(testIndex));
    List<Object> rest = a.positional().subList(testIndex + 1, a.positional().size());
    return Predicates.test(test, value, rest, a.keywords());
  }

  private static Object selectAttr(Object v, Args a, boolean keep) {
    Object attribute = a.required(0, "attribute");
    List<Object> out = new ArrayList<>();
    for (Object o : Values.iterate(v)) {
      if (testArgs(attrPath(o, attribute), a, 1) == keep) {
        out.add(o);
      }
    }
    return out;
  }

  private static Object select(Object v, Args a, boolean keep) {
    List<Object> out = new ArrayList<>();
    for (Object o : Values.iterate(v)) {
      if (testArgs(o, a, 0) == keep) {
        out.add(o);
      }
    }
    return out;
  }

  private static Object map(Object v, Args a) {
    List<Object> out = new ArrayList<>();
    if (a.keywords().containsKey("attribute")) {
      Object attribute = a.keywords().get("attribute");
      boolean hasDefault = a.keywords().containsKey("default");
      for (Object o : Values.iterate(v)) {
        Object x = attrPath(o, attribute);
        out.add(x instanceof Undefined && hasDefault ? a.keywords().get("default") : x);
      }
      return out;
    }
    String filter = str(a.required(0, "filter"));
    List<Object> rest = a.positional().subList(1, a.positional().size());
    for (Object o : Values.iterate(v)) {
      out.add(apply(filter, o, rest, a.keywords()));
    }
    return out;
  }

  private static Object round(Object v, Args a) {
    a.check(2, "precision", "method");
    int precision = (int) a.integer(0, "precision", 0);
    String method = a.string(1, "method", "common");
    if ((v instanceof Long || v instanceof Boolean) && method.equals("common")) {
      return Values.toLong(v, "round");
    }
    double d = Values.toDouble(v, "round");
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return d;
    }
    RoundingMode mode =
        switch (method) {
          case "common" -> RoundingMode.HALF_EVEN;
          case "ceil" -> RoundingMode.CEILING;
          case "floor" -> RoundingMode.FLOOR;
          default -> throw new JinjaError("round: method must be common, ceil or floor");
        };
    return new BigDecimal(d).setScale(precision, mode).doubleValue();
  }

  private static Object abs(Object v, Args a) {
    if (v instanceof Double d) {
      return Math.abs(d);
    }
    return Math.abs(Values.toLong(v, "abs"));
  }

  private static Comparator<Object> ordering(boolean caseSensitive, Object attribute) {
    return (x, y) -> {
      Object kx = sortKey(x, caseSensitive, attribute);
      Object ky = sortKey(y, caseSensitive, attribute);
      return Operators.order(kx, ky, "<");
    };
  }

  private static Object sortKey(Object o, boolean caseSensitive, Object attribute) {
    Object k = attribute == null ? o : attrPath(o, attribute);
    return !caseSensitive && k instanceof String s ? s.toLowerCase(Locale.ROOT) : k;
  }

  private static Object unique(Object v, Args a) {
    a.check(2, "case_sensitive", "attribute");
    boolean cs = a.bool(0, "case_sensitive", false);
    Object attribute = a.get(1, "attribute", null);
    List<Object> out = new ArrayList<>();
    List<Object> seen = new ArrayList<>();
    Set<Object> seenHashable = new HashSet<>();
    for (Object o : Values.iterate(v)) {
      Object key = sortKey(o, cs, attribute);
      boolean dup =
          key instanceof String || key instanceof Long
              ? !seenHashable.add(key)
              : seen.stream().anyMatch(s -> Operators.equal(s, key));
      if (!dup) {
        seen.add(key);
        out.add(o);
      }
    }
    return out;
  }

  private static Object sort(Object v, Args a) {
    a.check(3, "reverse", "case_sensitive", "attribute");
    List<Object> items = Values.iterate(v);
    Comparator<Object> c =
        ordering(a.bool(1, "case_sensitive", false), a.get(2, "attribute", null));
    items.sort(a.bool(0, "reverse", false) ? c.reversed() : c);
    return items;
  }

  private static Object dictsort(Object v, Args a) {
    a.check(3, "case_sensitive", "by", "reverse");
    if (!(v instanceof Map<?, ?> m)) {
      throw new JinjaError("dictsort: expected a mapping, got " + Values.typeName(v));
    }
    boolean cs = a.bool(0, "case_sensitive", false);
    int pos = "value".equals(a.string(1, "by", "key")) ? 1 : 0;
    List<Object> pairs = new ArrayList<>(Values.iterate(items(m, a)));
    Comparator<Object> c =
        (x, y) ->
            Operators.order(
                sortKey(((List<?>) x).get(pos), cs, null),
                sortKey(((List<?>) y).get(pos), cs, null),
                "<");
    pairs.sort(a.bool(2, "reverse", false) ? c.reversed() : c);
    return pairs;
  }

  private static Object batch(Object v, Args a) {
    long size = a.integer(0, "linecount", 1);
    if (size <= 0) {
      throw new JinjaError("batch: linecount must be positive");
    }
    boolean fill = a.positional().size() > 1 || a.keywords().containsKey("fill_with");
    Object filler = a.get(1, "fill_with", null);
    List<Object> out = new ArrayList<>();
    List<Object> cur = new ArrayList<>();
    for (Object o : Values.iterate(v)) {
      cur.add(o);
      if (cur.size() == size) {
        out.add(cur);
        cur = new ArrayList<>();
      }
    }
    if (!cur.isEmpty()) {
      while (fill && cur.size() < size) {
        cur.add(filler);
      }
      out.add(cur);
    }
    return out;
  }

  private static Object sum(Object v, Args a) {
    a.check(2, "attribute", "start");
    Object attribute = a.get(0, "attribute", null);
    Object total = a.get(1, "start", 0L);
    for (Object o : Values.iterate(v)) {
      total = Operators.arithmetic("+", total, attribute == null ? o : attrPath(o, attribute));
    }
    return total;
  }

  private static Object extreme(Object v, Args a, boolean min) {
    a.check(2, "case_sensitive", "attribute");
    List<Object> items = Values.iterate(v);
    if (items.isEmpty()) {
      return new Undefined("No aggregated item, sequence was empty.");
    }
    Comparator<Object> c =
        ordering(a.bool(0, "case_sensitive", false), a.get(1, "attribute", null));
    return min ? Collections.min(items, c) : Collections.max(items, c);
  }

  private static Object center(Object v, Args a) {
    String s = str(v);
    int width = (int) a.integer(0, "width", 80);
    int len = s.codePointCount(0, s.length());
    if (len >= width) {
      return s;
    }
    int total = width - len;
    // Python's str.center puts the extra space on the left when the string length is odd.
    int left = total / 2 + (total & width & 1);
    return " ".repeat(left) + s + " ".repeat(total - left);
  }

  private static Object indent(Object v, Args a) {
    a.check(3, "width", "first", "blank");
    Object width = a.get(0, "width", 4L);
    String pad = width instanceof String s ? s : " ".repeat((int) Values.toLong(width, "indent"));
    List<Object> lines = Methods.splitlines(str(v) + "\n", false);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      String line = (String) lines.get(i);
      if (i > 0) {
        sb.append('\n');
        sb.append(a.bool(2, "blank", false) || !line.isEmpty() ? pad : "");
      }
      sb.append(line);
    }
    return (a.bool(1, "first", false) ? pad : "") + sb;
  }

  private static Object formatFilter(String fmt, Args a) {
    if (!a.keywords().isEmpty()) {
      return PyFormat.percent(fmt, new LinkedHashMap<Object, Object>(a.keywords()));
    }
    return PyFormat.percent(fmt, new PyTuple(a.positional()));
  }
}
