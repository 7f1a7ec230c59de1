package org.c2lab.core.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Whitespace words, as Python's {@code str.split()} sees them: the reference code counts and cuts
 * words that way (C2-Eval prefixes, the C2-Syn "more than 80 words" filter), so the platform must
 * agree with it on every character Python treats as whitespace, not only on ASCII space.
 */
public final class Words {
  private Words() {}

  /**
   * Whether Python's {@code str.isspace()} holds for {@code c}: Java's whitespace plus the Unicode
   * space separators (e.g. U+00A0, which Java's {@link Character#isWhitespace} excludes) and NEL.
   */
  public static boolean isWhitespace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085';
  }

  /** The number of maximal runs of non-whitespace characters in {@code text}. */
  public static int count(CharSequence text) {
    int n = 0;
    boolean inWord = false;
    for (int i = 0; i < text.length(); i++) {
      boolean ws = isWhitespace(text.charAt(i));
      if (!ws && !inWord) {
        n++;
      }
      inWord = !ws;
    }
    return n;
  }

  /** The words of {@code text} in order; no empty strings. */
  public static List<String> split(String text) {
    List<String> words = new ArrayList<>();
    int start = -1;
    for (int i = 0; i <= text.length(); i++) {
      boolean ws = i == text.length() || isWhitespace(text.charAt(i));
      if (ws && start >= 0) {
        words.add(text.substring(start, i));
        start = -1;
      } else if (!ws && start < 0) {
        start = i;
      }
    }
    return words;
  }

  /**
   * The first {@code k} words of {@code text} joined by single spaces (all words if fewer), i.e.
   * Python's {@code ' '.join(text.split()[:k])}: runs of whitespace collapse to one space, and
   * leading or trailing whitespace disappears.
   */
  public static String firstWords(String text, int k) {
    if (k < 0) {
      throw new IllegalArgumentException("k must be >= 0, got " + k);
    }
    List<String> words = split(text);
    return String.join(" ", words.subList(0, Math.min(k, words.size())));
  }

  /**
   * The character offset just after the {@code n}-th word (1-based) of {@code text}, so that {@code
   * text.substring(0, offset)} ends with that word and no trailing whitespace.
   *
   * @throws IllegalArgumentException when {@code text} has fewer than {@code n} words or n < 1
   */
  public static int endOfWord(String text, int n) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be >= 1, got " + n);
    }
    int seen = 0;
    boolean inWord = false;
    for (int i = 0; i < text.length(); i++) {
      boolean ws = isWhitespace(text.charAt(i));
      if (!ws && !inWord) {
        seen++;
      }
      if (ws && inWord && seen == n) {
        return i;
      }
      inWord = !ws;
    }
    if (seen == n && inWord) {
      return text.length();
    }
    throw new IllegalArgumentException("text has " + seen + " words, fewer than " + n);
  }
}
