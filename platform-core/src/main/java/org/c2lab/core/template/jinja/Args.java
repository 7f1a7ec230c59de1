package org.c2lab.core.template.jinja;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Binds the arguments of a call to Python-style parameters: {@code get(0, "indent", null)} is the
 * first positional argument or the keyword {@code indent}.
 */
record Args(String function, List<Object> positional, Map<String, Object> keywords) {
  private static final Object MISSING = new Object();

  Object get(int index, String name, Object fallback) {
    if (index >= 0 && index < positional.size()) {
      if (name != null && keywords.containsKey(name)) {
        throw new JinjaError(function + "() got multiple values for argument '" + name + "'");
      }
      return positional.get(index);
    }
    return name != null && keywords.containsKey(name) ? keywords.get(name) : fallback;
  }

  Object required(int index, String name) {
    Object v = get(index, name, MISSING);
    if (v == MISSING) {
      throw new JinjaError(function + "() missing required argument '" + name + "'");
    }
    return v;
  }

  String string(int index, String name, String fallback) {
    Object v = get(index, name, fallback);
    return v == null ? null : Values.str(v);
  }

  /** A str-or-None argument such as {@code strip(chars)}: anything else is a type error. */
  String optionalString(int index, String name) {
    Object v = get(index, name, null);
    if (v != null && !(v instanceof String)) {
      throw new JinjaError(function + " arg must be None or str");
    }
    return (String) v;
  }

  long integer(int index, String name, long fallback) {
    return Values.toLong(get(index, name, fallback), function);
  }

  boolean bool(int index, String name, boolean fallback) {
    return Values.truthy(get(index, name, fallback));
  }

  /** Fails on more positional arguments than {@code max} or on unknown keywords. */
  Args check(int max, String... names) {
    if (positional.size() > max) {
      throw new JinjaError(
          function + "() takes at most " + max + " positional arguments, got " + positional.size());
    }
    Set<String> allowed = Set.of(names);
    for (String k : keywords.keySet()) {
      if (!allowed.contains(k)) {
        throw new JinjaError(function + "() got an unexpected keyword argument '" + k + "'");
      }
    }
    return this;
  }
}
