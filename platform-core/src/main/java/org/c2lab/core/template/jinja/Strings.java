package org.c2lab.core.template.jinja;

import java.util.ArrayList;
import java.util.List;

/**
 * Python {@code str} semantics that Java's String does not share: Python's whitespace set (which
 * includes e.g. U+00A0 and U+0085) for strip and split, code-point indexing, title-casing.
 */
public final class Strings {
  private Strings() {}

  /** Python's {@code str.isspace()} for one code point (Java's isWhitespace differs). */
  public static boolean isSpace(int c) {
    return switch (c) {
      case ' ',
              '\t',
              '\n',
              '\u000b',
              '\f',
              '\r',
              0x1c,
              0x1d,
              0x1e,
              0x1f,
              0x85,
              0xa0,
              0x1680,
              0x2028,
              0x2029,
              0x202f,
              0x205f,
              0x3000 ->
          true;
      default -> c >= 0x2000 && c <= 0x200a;
    };
  }

  private static boolean strippable(int c, String chars) {
    return chars == null ? isSpace(c) : chars.indexOf(c) >= 0;
  }

  /** Python's {@code s.strip(chars)}; {@code chars == null} strips whitespace. */
  public static String strip(String s, String chars) {
    return rstrip(lstrip(s, chars), chars);
  }

  /** Python's {@code s.lstrip(chars)}; {@code chars == null} strips whitespace. */
  public static String lstrip(String s, String chars) {
    int i = 0;
    while (i < s.length()) {
      int c = s.codePointAt(i);
      if (!strippable(c, chars)) {
        break;
      }
      i += Character.charCount(c);
    }
    return s.substring(i);
  }

  /** Python's {@code s.rstrip(chars)}; {@code chars == null} strips whitespace. */
  public static String rstrip(String s, String chars) {
    int i = s.length();
    while (i > 0) {
      int c = s.codePointBefore(i);
      if (!strippable(c, chars)) {
        break;
      }
      i -= Character.charCount(c);
    }
    return s.substring(0, i);
  }

  /** {@code str.split(sep, maxsplit)}; {@code sep == null} splits on runs of whitespace. */
  static List<Object> split(String s, String sep, long maxSplit) {
    List<Object> parts = new ArrayList<>();
    if (sep == null) {
      int i = 0;
      int n = s.length();
      while (true) {
        while (i < n && isSpace(s.charAt(i))) {
          i++;
        }
        if (i >= n) {
          return parts;
        }
        if (maxSplit >= 0 && parts.size() >= maxSplit) {
          parts.add(rstrip(s.substring(i), null));
          return parts;
        }
        int j = i;
        while (j < n && !isSpace(s.charAt(j))) {
          j++;
        }
        parts.add(s.substring(i, j));
        i = j;
      }
    }
    if (sep.isEmpty()) {
      throw new JinjaError("split(): empty separator");
    }
    int from = 0;
    while (maxSplit < 0 || parts.size() < maxSplit) {
      int at = s.indexOf(sep, from);
      if (at < 0) {
        break;
      }
      parts.add(s.substring(from, at));
      from = at + sep.length();
    }
    parts.add(s.substring(from));
    return parts;
  }

  /** {@code str.rsplit(sep, maxsplit)} for an explicit separator. */
  static List<Object> rsplit(String s, String sep, long maxSplit) {
    if (sep == null || maxSplit < 0) {
      return split(s, sep, maxSplit);
    }
    List<Object> parts = new ArrayList<>();
    int to = s.length();
    while (parts.size() < maxSplit) {
      int at = s.lastIndexOf(sep, to - sep.length());
      if (at < 0) {
        break;
      }
      parts.add(0, s.substring(at + sep.length(), to));
      to = at;
    }
    parts.add(0, s.substring(0, to));
    return parts;
  }

  /** {@code str.capitalize()}: first character upper case, the rest lower case. */
  static String capitalize(String s) {
    if (s.isEmpty()) {
      return s;
    }
    int first = s.codePointAt(0);
    int len = Character.charCount(first);
    return new StringBuilder()
        .appendCodePoint(Character.toTitleCase(first))
        .append(s.substring(len).toLowerCase(java.util.Locale.ROOT))
        .toString();
  }

  /** Python's {@code str.title()}: upper-case a letter that follows a non-letter. */
  static String pyTitle(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    boolean prevCased = false;
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      sb.appendCodePoint(prevCased ? Character.toLowerCase(c) : Character.toTitleCase(c));
      prevCased = Character.isLetter(c);
      i += Character.charCount(c);
    }
    return sb.toString();
  }

  /** Jinja2's {@code title} filter: capitalize each word after whitespace, - ( { [ or <. */
  static String jinjaTitle(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    boolean wordStart = true;
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      boolean separator = isSpace(c) || "-({[<".indexOf(c) >= 0;
      if (separator) {
        sb.appendCodePoint(c);
      } else {
        sb.appendCodePoint(wordStart ? Character.toTitleCase(c) : Character.toLowerCase(c));
      }
      wordStart = separator;
      i += Character.charCount(c);
    }
    return sb.toString();
  }

  /** The code points of {@code s}: Python indexes strings by code point, not UTF-16 unit. */
  static int[] codePoints(String s) {
    return s.codePoints().toArray();
  }

  static String fromCodePoints(int[] cps, List<Integer> indices) {
    StringBuilder sb = new StringBuilder(indices.size());
    for (int i : indices) {
      sb.appendCodePoint(cps[i]);
    }
    return sb.toString();
  }

  /** {@code str.replace(old, new, count)}; a negative count replaces all. */
  static String replace(String s, String old, String with, long count) {
    if (count < 0) {
      return old.isEmpty() ? replaceEmpty(s, with, Long.MAX_VALUE) : s.replace(old, with);
    }
    if (old.isEmpty()) {
      return replaceEmpty(s, with, count);
    }
    StringBuilder sb = new StringBuilder();
    int from = 0;
    long done = 0;
    while (done < count) {
      int at = s.indexOf(old, from);
      if (at < 0) {
        break;
      }
      sb.append(s, from, at).append(with);
      from = at + old.length();
      done++;
    }
    return sb.append(s.substring(from)).toString();
  }

  private static String replaceEmpty(String s, String with, long count) {
    StringBuilder sb = new StringBuilder();
    long done = 0;
    int i = 0;
    while (i <= s.length()) {
      if (done < count) {
        sb.append(with);
        done++;
      }
      if (i == s.length()) {
        break;
      }
      int c = s.codePointAt(i);
      sb.appendCodePoint(c);
      i += Character.charCount(c);
    }
    return sb.toString();
  }
}
