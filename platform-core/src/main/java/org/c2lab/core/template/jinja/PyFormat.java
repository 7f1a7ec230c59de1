package org.c2lab.core.template.jinja;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Python string formatting: {@code "%s and %d" % (a, b)} (also the {@code format} filter) and
 * {@code "{} and {name}".format(...)}. Supports the flags, widths and conversions templates use.
 */
final class PyFormat {
  private static final Pattern PERCENT =
      Pattern.compile("%(?:\\(([^)]*)\\))?([-+ 0#]*)(\\d+)?(?:\\.(\\d+))?([sridfFxXoc%])");
  private static final Pattern BRACE_SPEC =
      Pattern.compile("(?:(.)?([<>^]))?([+\\- ])?(0)?(\\d+)?(?:\\.(\\d+))?([sdfFxXo%])?");

  private PyFormat() {}

  /** {@code fmt % args}: a tuple supplies positional values, a dict named ones. */
  static String percent(String fmt, Object args) {
    List<?> positional = args instanceof PyTuple t ? t : java.util.Collections.singletonList(args);
    Map<?, ?> named = args instanceof Map<?, ?> m ? m : null;
    StringBuilder out = new StringBuilder();
    Matcher m = PERCENT.matcher(fmt);
    int last = 0;
    int next = 0;
    while (m.find()) {
      out.append(fmt, last, m.start());
      last = m.end();
      char conv = m.group(5).charAt(0);
      if (conv == '%') {
        out.append('%');
        continue;
      }
      Object value;
      if (m.group(1) != null) {
        if (named == null || !named.containsKey(m.group(1))) {
          throw new JinjaError("format requires a mapping with key '" + m.group(1) + "'");
        }
        value = named.get(m.group(1));
      } else {
        if (next >= positional.size()) {
          throw new JinjaError("not enough arguments for format string");
        }
        value = positional.get(next++);
      }
      String flags = m.group(2);
      int width = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
      Integer precision = m.group(4) == null ? null : Integer.parseInt(m.group(4));
      out.append(pad(convert(conv, value, precision, flags), width, flags));
    }
    if (named == null && next < positional.size()) {
      throw new JinjaError("not all arguments converted during string formatting");
    }
    return out.append(fmt.substring(last)).toString();
  }

  private static String convert(char conv, Object value, Integer precision, String flags) {
    String sign = flags.contains("+") ? "+" : flags.contains(" ") ? " " : "";
    return switch (conv) {
      case 's' -> precision == null ? Values.str(value) : truncate(Values.str(value), precision);
      case 'r' -> Values.repr(value);
      case 'd', 'i' -> withSign(integerOf(value), sign);
      case 'x' -> Long.toHexString(integerOf(value));
      case 'X' -> Long.toHexString(integerOf(value)).toUpperCase(java.util.Locale.ROOT);
      case 'o' -> Long.toOctalString(integerOf(value));
      case 'c' ->
          value instanceof String s
              ? s
              : new String(Character.toChars((int) (long) integerOf(value)));
      default ->
          withSign(
              fixed(Values.toDouble(value, "format"), precision == null ? 6 : precision), sign);
    };
  }

  private static long integerOf(Object value) {
    return value instanceof Double d ? (long) (double) d : Values.toLong(value, "format");
  }

  private static String withSign(Object number, String sign) {
    String s = number instanceof Long l ? l.toString() : number.toString();
    return s.startsWith("-") ? s : sign + s;
  }

  static String fixed(double d, int precision) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return Values.floatRepr(d);
    }
    return new BigDecimal(d).setScale(precision, RoundingMode.HALF_EVEN).toPlainString();
  }

  private static String truncate(String s, int n) {
    return s.codePointCount(0, s.length()) <= n ? s : s.substring(0, s.offsetByCodePoints(0, n));
  }

  private static String pad(String s, int width, String flags) {
    int len = s.codePointCount(0, s.length());
    if (len >= width) {
      return s;
    }
    String fill = " ".repeat(width - len);
    if (flags.contains("-")) {
      return s + fill;
    }
    if (flags.contains("0") && !s.isEmpty() && (Character.isDigit(s.charAt(s.length() - 1)))) {
      boolean signed = s.startsWith("-") || s.startsWith("+") || s.startsWith(" ");
      String zeros = "0".repeat(width - len);
      return signed ? s.charAt(0) + zeros + s.substring(1) : zeros + s;
    }
    return fill + s;
  }

  /** Python's {@code str.format}: {@code {}}, {@code {0}}, {@code {name}}, {@code !r}, specs. */
  static String braces(String fmt, List<Object> args, Map<String, Object> kwargs) {
    StringBuilder out = new StringBuilder();
    int auto = 0;
    for (int i = 0; i < fmt.length(); i++) {
      char c = fmt.charAt(i);
      if (c == '}' && i + 1 < fmt.length() && fmt.charAt(i + 1) == '}') {
        out.append('}');
        i++;
      } else if (c == '{' && i + 1 < fmt.length() && fmt.charAt(i + 1) == '{') {
        out.append('{');
        i++;
      } else if (c == '{') {
        int end = fmt.indexOf('}', i);
        if (end < 0) {
          throw new JinjaError("Single '{' encountered in format string");
        }
        String field = fmt.substring(i + 1, end);
        String spec = "";
        int colon = field.indexOf(':');
        if (colon >= 0) {
          spec = field.substring(colon + 1);
          field = field.substring(0, colon);
        }
        char conversion = 0;
        int bang = field.indexOf('!');
        if (bang >= 0) {
          conversion = field.charAt(bang + 1);
          field = field.substring(0, bang);
        }
        Object value;
        if (field.isEmpty()) {
          value = argAt(args, auto++);
        } else if (field.chars().allMatch(Character::isDigit)) {
          value = argAt(args, Integer.parseInt(field));
        } else if (kwargs.containsKey(field)) {
          value = kwargs.get(field);
        } else {
          throw new JinjaError("KeyError: '" + field + "' in format string");
        }
        if (conversion == 'r') {
          value = Values.repr(value);
        } else if (conversion == 's') {
          value = Values.str(value);
        }
        out.append(applySpec(value, spec));
        i = end;
      } else if (c == '}') {
        throw new JinjaError("Single '}' encountered in format string");
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static Object argAt(List<Object> args, int i) {
    if (i >= args.size()) {
      throw new JinjaError("Replacement index " + i + " out of range for positional args tuple");
    }
    return args.get(i);
  }

  private static String applySpec(Object value, String spec) {
    if (spec.isEmpty()) {
      return Values.str(value);
    }
    Matcher m = BRACE_SPEC.matcher(spec);
    if (!m.matches()) {
      throw new JinjaError("unsupported format spec '" + spec + "'");
    }
    String type = m.group(7);
    Integer precision = m.group(6) == null ? null : Integer.parseInt(m.group(6));
    String body;
    if (type == null && !(value instanceof Double)) {
      body = precision != null ? truncate(Values.str(value), precision) : Values.str(value);
    } else if ("%".equals(type)) {
      body = fixed(Values.toDouble(value, "format") * 100, precision == null ? 6 : precision) + "%";
    } else {
      char t = type == null ? (precision == null ? 'r' : 'f') : type.charAt(0);
      body =
          t == 'r'
              ? Values.floatRepr((Double) value)
              : convert(t, value, precision, m.group(3) == null ? "" : m.group(3));
    }
    int width = m.group(5) == null ? 0 : Integer.parseInt(m.group(5));
    int len = body.codePointCount(0, body.length());
    if (len >= width) {
      return body;
    }
    if (m.group(4) != null && m.group(2) == null) {
      return pad(body, width, "0");
    }
    String fill = m.group(1) == null ? " " : m.group(1);
    char align = m.group(2) == null ? (value instanceof String ? '<' : '>') : m.group(2).charAt(0);
    int gap = width - len;
    return switch (align) {
      case '<' -> body + fill.repeat(gap);
      case '^' -> fill.repeat(gap / 2) + body + fill.repeat(gap - gap / 2);
      default -> fill.repeat(gap) + body;
    };
  }
}
