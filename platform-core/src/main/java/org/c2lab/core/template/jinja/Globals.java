package org.c2lab.core.template.jinja;

import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The global functions a Hugging Face chat template may call: Jinja2's {@code range}, {@code dict}
 * and {@code namespace}, and transformers' {@code raise_exception} and {@code strftime_now}.
 */
final class Globals {
  /** Jinja2's sandbox refuses ranges longer than this; so do we. */
  static final long MAX_RANGE = 100_000;

  private Globals() {}

  static Map<String, Object> create(TemplateOptions options) {
    Map<String, Object> g = new LinkedHashMap<>();
    g.put("range", (JinjaCallable) Globals::range);
    g.put("dict", (JinjaCallable) (args, kw) -> new LinkedHashMap<Object, Object>(kw));
    g.put("namespace", (JinjaCallable) Globals::namespace);
    g.put(
        "raise_exception",
        (JinjaCallable)
            (args, kw) -> {
              throw new JinjaError(args.isEmpty() ? "" : Values.str(args.get(0)), true);
            });
    g.put(
        "strftime_now",
        (JinjaCallable)
            (args, kw) -> {
              Object fmt = new Args("strftime_now", args, kw).check(1).required(0, "format");
              return strftime(ZonedDateTime.now(options.clock()), Values.str(fmt));
            });
    return g;
  }

  private static Object range(List<Object> args, Map<String, Object> kwargs) {
    if (args.isEmpty() || args.size() > 3 || !kwargs.isEmpty()) {
      throw new JinjaError("range() expects 1 to 3 integer arguments");
    }
    long start = 0;
    long step = 1;
    long stop;
    if (args.size() == 1) {
      stop = Values.toLong(args.get(0), "range");
    } else {
      start = Values.toLong(args.get(0), "range");
      stop = Values.toLong(args.get(1), "range");
      step = args.size() == 3 ? Values.toLong(args.get(2), "range") : 1;
    }
    if (step == 0) {
      throw new JinjaError("range() arg 3 must not be zero");
    }
    List<Object> out = new ArrayList<>();
    for (long i = start; step > 0 ? i < stop : i > stop; i += step) {
      if (out.size() >= MAX_RANGE) {
        throw new JinjaError("range too big, maximum size for range is " + MAX_RANGE);
      }
      out.add(i);
    }
    return out;
  }

  private static Object namespace(List<Object> args, Map<String, Object> kwargs) {
    Namespace ns = new Namespace();
    for (Object a : args) {
      if (!(a instanceof Map<?, ?> m)) {
        throw new JinjaError("namespace() positional arguments must be mappings");
      }
      m.forEach((k, v) -> ns.set(Values.str(k), v));
    }
    kwargs.forEach(ns::set);
    return ns;
  }

  /** C/Python {@code strftime} with glibc's {@code %-d} style no-padding flag. */
  static String strftime(ZonedDateTime t, String fmt) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < fmt.length(); i++) {
      char c = fmt.charAt(i);
      if (c != '%' || i + 1 >= fmt.length()) {
        sb.append(c);
        continue;
      }
      boolean noPad = fmt.charAt(i + 1) == '-' && i + 2 < fmt.length();
      char code = fmt.charAt(noPad ? i + 2 : i + 1);
      i += noPad ? 2 : 1;
      String field = field(t, code);
      if (field == null) {
        sb.append('%').append(noPad ? "-" : "").append(code);
      } else {
        sb.append(noPad ? stripZeros(field) : field);
      }
    }
    return sb.toString();
  }

  private static String stripZeros(String s) {
    return s.replaceFirst("^[0 ]+(?=.)", "");
  }

  private static String field(ZonedDateTime t, char code) {
    Locale en = Locale.US;
    int hour12 = t.getHour() % 12 == 0 ? 12 : t.getHour() % 12;
    return switch (code) {
      case 'Y' -> String.valueOf(t.getYear());
      case 'y' -> two(t.getYear() % 100);
      case 'm' -> two(t.getMonthValue());
      case 'd' -> two(t.getDayOfMonth());
      case 'e' -> String.format("%2d", t.getDayOfMonth());
      case 'H' -> two(t.getHour());
      case 'I' -> two(hour12);
      case 'M' -> two(t.getMinute());
      case 'S' -> two(t.getSecond());
      case 'f' -> String.format("%06d", t.getNano() / 1000);
      case 'p' -> t.getHour() < 12 ? "AM" : "PM";
      case 'j' -> String.format("%03d", t.getDayOfYear());
      case 'a' -> t.getDayOfWeek().getDisplayName(TextStyle.SHORT, en);
      case 'A' -> t.getDayOfWeek().getDisplayName(TextStyle.FULL, en);
      case 'b', 'h' -> t.getMonth().getDisplayName(TextStyle.SHORT, en);
      case 'B' -> t.getMonth().getDisplayName(TextStyle.FULL, en);
      case 'u' -> String.valueOf(t.getDayOfWeek().getValue());
      case 'w' -> String.valueOf(t.getDayOfWeek().getValue() % 7);
      case 'z' ->
          t.getOffset().getId().equals("Z") ? "+0000" : t.getOffset().getId().replace(":", "");
      case 'Z' -> t.getZone().getDisplayName(TextStyle.SHORT, en);
      case 'D' -> strftime(t, "%m/%d/%y");
      case 'x' -> strftime(t, "%m/%d/%y");
      case 'X', 'T' -> strftime(t, "%H:%M:%S");
      case 'F' -> strftime(t, "%Y-%m-%d");
      case 'c' -> strftime(t, "%a %b %e %H:%M:%S %Y");
      case '%' -> "%";
      default -> null;
    };
  }

  private static String two(int v) {
    return String.format("%02d", v);
  }
}
