package org.c2lab.core.template.jinja;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Python methods callable on template values: {@code str.strip()}, {@code dict.items()}, ... */
final class Methods {
  private Methods() {}

  /** The method {@code name} bound to {@code receiver}, or null if it has none by that name. */
  static JinjaCallable bind(Object receiver, String name) {
    if (receiver instanceof String s) {
      return isStringMethod(name)
          ? (args, kw) -> stringMethod(s, name, new Args(name, args, kw))
          : null;
    }
    if (receiver instanceof Map<?, ?> m) {
      return switch (name) {
        case "items", "keys", "values", "get" ->
            (args, kw) -> dictMethod(m, name, new Args(name, args, kw));
        default -> null;
      };
    }
    if (receiver instanceof List<?> l) {
      boolean mutator = name.equals("append") || name.equals("extend");
      if (mutator && receiver instanceof PyTuple) {
        return null;
      }
      return switch (name) {
        case "append", "extend", "index", "count" ->
            (args, kw) -> listMethod(l, name, new Args(name, args, kw));
        default -> null;
      };
    }
    return null;
  }

  private static boolean isStringMethod(String name) {
    return switch (name) {
      case "strip",
              "lstrip",
              "rstrip",
              "split",
              "rsplit",
              "splitlines",
              "startswith",
              "endswith",
              "upper",
              "lower",
              "title",
              "capitalize",
              "replace",
              "format",
              "join",
              "find",
              "rfind",
              "count",
              "isdigit",
              "isalpha",
              "isalnum",
              "isspace",
              "isupper",
              "islower",
              "removeprefix",
              "removesuffix" ->
          true;
      default -> false;
    };
  }

  private static Object stringMethod(String s, String name, Args a) {
    switch (name) {
      case "strip":
        return Strings.strip(s, a.check(1, "chars").optionalString(0, "chars"));
      case "lstrip":
        return Strings.lstrip(s, a.check(1, "chars").optionalString(0, "chars"));
      case "rstrip":
        return Strings.rstrip(s, a.check(1, "chars").optionalString(0, "chars"));
      case "split":
        a.check(2, "sep", "maxsplit");
        return Strings.split(s, a.string(0, "sep", null), a.integer(1, "maxsplit", -1));
      case "rsplit":
        a.check(2, "sep", "maxsplit");
        return Strings.rsplit(s, a.string(0, "sep", null), a.integer(1, "maxsplit", -1));
      case "splitlines":
        return splitlines(s, a.check(1, "keepends").bool(0, "keepends", false));
      case "startswith":
      case "endswith":
        return affix(s, name.equals("startswith"), a.check(1).required(0, "prefix"));
      case "upper":
        return s.toUpperCase(Locale.ROOT);
      case "lower":
        return s.toLowerCase(Locale.ROOT);
      case "title":
        return Strings.pyTitle(s);
      case "capitalize":
        return Strings.capitalize(s);
      case "replace":
        a.check(3, "count");
        return Strings.replace(
            s,
            Values.str(a.required(0, "old")),
            Values.str(a.required(1, "new")),
            a.integer(2, "count", -1));
      case "format":
        return PyFormat.braces(s, a.positional(), a.keywords());
      case "join":
        List<String> parts = new ArrayList<>();
        for (Object o : Values.iterate(a.check(1).required(0, "iterable"))) {
          if (!(o instanceof String str)) {
            throw new JinjaError("join(): expected str instance, " + Values.typeName(o) + " found");
          }
          parts.add(str);
        }
        return String.join(s, parts);
      case "find":
        return (long) cpIndex(s, s.indexOf(Values.str(a.check(1).required(0, "sub"))));
      case "rfind":
        return (long) cpIndex(s, s.lastIndexOf(Values.str(a.check(1).required(0, "sub"))));
      case "count":
        String sub = Values.str(a.check(1).required(0, "sub"));
        return sub.isEmpty() ? Values.length(s) + 1 : (long) (Strings.split(s, sub, -1).size() - 1);
      case "removeprefix":
        String p = Values.str(a.check(1).required(0, "prefix"));
        return s.startsWith(p) ? s.substring(p.length()) : s;
      case "removesuffix":
        String x = Values.str(a.check(1).required(0, "suffix"));
        return s.endsWith(x) && !x.isEmpty() ? s.substring(0, s.length() - x.length()) : s;
      default:
        return classify(s, name);
    }
  }

  private static boolean classify(String s, String name) {
    if (s.isEmpty()) {
      return false;
    }
    return switch (name) {
      case "isdigit" -> s.codePoints().allMatch(Character::isDigit);
      case "isalpha" -> s.codePoints().allMatch(Character::isLetter);
      case "isalnum" -> s.codePoints().allMatch(Character::isLetterOrDigit);
      case "isspace" -> s.codePoints().allMatch(Strings::isSpace);
      case "isupper" -> hasCased(s) && s.equals(s.toUpperCase(Locale.ROOT));
      default -> hasCased(s) && s.equals(s.toLowerCase(Locale.ROOT));
    };
  }

  private static boolean hasCased(String s) {
    return s.codePoints().anyMatch(c -> Character.isUpperCase(c) || Character.isLowerCase(c));
  }

  private static int cpIndex(String s, int charIndex) {
    return charIndex < 0 ? -1 : s.codePointCount(0, charIndex);
  }

  private static boolean affix(String s, boolean prefix, Object arg) {
    List<?> options = arg instanceof PyTuple t ? t : List.of(arg);
    for (Object o : options) {
      if (!(o instanceof String a)) {
        throw new JinjaError("startswith/endswith first arg must be str or a tuple of str");
      }
      if (prefix ? s.startsWith(a) : s.endsWith(a)) {
        return true;
      }
    }
    return false;
  }

  /** Python's {@code str.splitlines}: all line boundaries, no trailing empty line. */
  static List<Object> splitlines(String s, boolean keepEnds) {
    List<Object> lines = new ArrayList<>();
    int start = 0;
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      int eol = i + 1;
      boolean boundary = "\n\r\u000b\f\u001c\u001d\u001e\u0085\u2028\u2029".indexOf(c) >= 0;
      if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
        eol = i + 2;
      }
      if (boundary) {
        lines.add(s.substring(start, keepEnds ? eol : i));
        start = eol;
      }
      i = boundary ? eol : i + 1;
    }
    if (start < s.length()) {
      lines.add(s.substring(start));
    }
    return lines;
  }

  private static Object dictMethod(Map<?, ?> m, String name, Args a) {
    switch (name) {
      case "items":
        a.check(0);
        List<Object> items = new ArrayList<>();
        m.forEach((k, v) -> items.add(PyTuple.of(k, v)));
        return items;
      case "keys":
        a.check(0);
        return new ArrayList<Object>(m.keySet());
      case "values":
        a.check(0);
        return new ArrayList<Object>(m.values());
      default:
        a.check(2);
        Object key = a.required(0, "key");
        return m.containsKey(key) ? m.get(key) : a.get(1, null, null);
    }
  }

  @SuppressWarnings("unchecked")
  private static Object listMethod(List<?> l, String name, Args a) {
    List<Object> list = (List<Object>) l;
    switch (name) {
      case "append":
        list.add(a.check(1).required(0, "object"));
        return null;
      case "extend":
        list.addAll(Values.iterate(a.check(1).required(0, "iterable")));
        return null;
      case "index":
        Object x = a.check(1).required(0, "value");
        for (int i = 0; i < list.size(); i++) {
          if (Operators.equal(list.get(i), x)) {
            return (long) i;
          }
        }
        throw new JinjaError(Values.repr(x) + " is not in list");
      default:
        Object y = a.check(1).required(0, "value");
        return list.stream().filter(o -> Operators.equal(o, y)).count();
    }
  }
}
