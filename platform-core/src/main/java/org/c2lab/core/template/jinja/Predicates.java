package org.c2lab.core.template.jinja;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Jinja2's tests: the {@code name} in {@code value is name(args)}. */
final class Predicates {
  @FunctionalInterface
  interface Test {
    boolean test(Object value, Args args);
  }

  private static final Map<String, Test> TESTS = new HashMap<>();

  static {
    TESTS.put("defined", (v, a) -> !(v instanceof Undefined));
    TESTS.put("undefined", (v, a) -> v instanceof Undefined);
    TESTS.put("none", (v, a) -> v == null);
    TESTS.put("boolean", (v, a) -> v instanceof Boolean);
    TESTS.put("true", (v, a) -> Boolean.TRUE.equals(v));
    TESTS.put("false", (v, a) -> Boolean.FALSE.equals(v));
    TESTS.put("integer", (v, a) -> v instanceof Long);
    TESTS.put("float", (v, a) -> v instanceof Double);
    TESTS.put("number", (v, a) -> Values.isNumber(v));
    TESTS.put("string", (v, a) -> v instanceof String);
    TESTS.put("mapping", (v, a) -> v instanceof Map<?, ?>);
    // Jinja2's Undefined defines __iter__, __len__ and __getitem__, so it passes both tests.
    TESTS.put(
        "iterable",
        (v, a) ->
            v instanceof List<?>
                || v instanceof Map<?, ?>
                || v instanceof String
                || v instanceof Undefined);
    TESTS.put("sequence", TESTS.get("iterable"));
    TESTS.put("callable", (v, a) -> v instanceof JinjaCallable);
    TESTS.put("even", (v, a) -> Values.toLong(v, "even") % 2 == 0);
    TESTS.put("odd", (v, a) -> Values.toLong(v, "odd") % 2 != 0);
    TESTS.put(
        "divisibleby",
        (v, a) -> {
          long n = a.integer(0, "num", 0);
          if (n == 0) {
            throw new JinjaError("divisibleby: division by zero");
          }
          return Values.toLong(v, "divisibleby") % n == 0;
        });
    TESTS.put("lower", (v, a) -> isCase(Values.str(v), false));
    TESTS.put("upper", (v, a) -> isCase(Values.str(v), true));
    TESTS.put("in", (v, a) -> Operators.contains(a.required(0, "seq"), v));
    TESTS.put("sameas", (v, a) -> sameAs(v, a.required(0, "other")));
    TESTS.put("escaped", (v, a) -> false);
    TESTS.put("filter", (v, a) -> Filters.has(Values.str(v)));
    TESTS.put("test", (v, a) -> TESTS.containsKey(Values.str(v)));
    for (String[] op :
        new String[][] {
          {"==", "eq", "equalto"},
          {"!=", "ne"},
          {"<", "lt", "lessthan"},
          {"<=", "le"},
          {">", "gt", "greaterthan"},
          {">=", "ge"}
        }) {
      Test t = (v, a) -> Operators.compare(op[0], v, a.required(0, "other"));
      for (String name : op) {
        TESTS.put(name, t);
      }
    }
  }

  private Predicates() {}

  static boolean has(String name) {
    return TESTS.containsKey(name);
  }

  static boolean test(String name, Object value, List<Object> args, Map<String, Object> kwargs) {
    Test t = TESTS.get(name);
    if (t == null) {
      throw new JinjaError("no test named '" + name + "'");
    }
    return t.test(value, new Args(name, args, kwargs));
  }

  private static boolean isCase(String s, boolean upper) {
    boolean cased =
        s.codePoints().anyMatch(c -> Character.isUpperCase(c) || Character.isLowerCase(c));
    return cased && s.equals(upper ? s.toUpperCase(Locale.ROOT) : s.toLowerCase(Locale.ROOT));
  }

  /** Python's {@code is}: None and booleans are singletons, CPython caches ints -5..256. */
  private static boolean sameAs(Object a, Object b) {
    if (a instanceof Boolean || (a instanceof Long l && l >= -5 && l <= 256)) {
      return a.equals(b);
    }
    return a == b;
  }
}
