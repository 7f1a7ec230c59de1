package org.c2lab.core.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.c2lab.core.data.Words;

/**
 * Where SYN1..SYN4 stop copying the harmful response FHR: four strictly increasing character
 * offsets; SYN_i copies {@code fhr.substring(0, offsets.get(i - 1))}.
 *
 * <p>Rule ({@link #of}), with t = the number of FHR characters in the punctuation set:
 *
 * <ul>
 *   <li>t >= 4 ({@link Method#PUNCTUATION}, the reference's rule): step = a uniform integer in [t/4
 *       - 1, t/4] (integer division, both ends included), raised to 1 if it is 0 (possible only for
 *       t < 8; the reference then cuts after the first character). Cut i ends just after the
 *       (i·step)-th punctuation character. Since 4·step <= t, SYN4 stops at most 7 punctuation
 *       characters before the end: near, not exactly at, "after all of the harmful text" as the
 *       paper words it.
 *   <li>t < 4 ({@link Method#WORDS}; the reference would copy the whole FHR four times): cut i ends
 *       just after word ⌈i·n/4⌉ of the n whitespace words, i.e. at about 1/4, 1/2, 3/4 and all of
 *       the text, so SYN4 follows the whole FHR as in the paper. Needs n >= 4.
 * </ul>
 *
 * <p>Both rules give strictly increasing offsets, so the four SYN responses differ and earlier
 * correction really is earlier. The random source is only drawn from in punctuation mode (once).
 *
 * @param offsets four strictly increasing offsets in (0, fhr.length()]
 * @param method which rule produced them
 * @param punctuationCount t
 * @param step punctuation characters between cuts (PUNCTUATION), or 0 (WORDS)
 */
public record CutPoints(List<Integer> offsets, Method method, int punctuationCount, int step) {
  /** How many cuts, hence SYN responses, per request. */
  public static final int COUNT = 4;

  /** Which rule placed the cuts. */
  public enum Method {
    /** At every step-th punctuation character (the reference's rule). */
    PUNCTUATION,
    /** At about 1/4, 1/2, 3/4 and all of the words (fewer than 4 punctuation characters). */
    WORDS
  }

  public CutPoints {
    offsets = List.copyOf(offsets);
    Objects.requireNonNull(method, "method");
    requireOffsets(offsets, Integer.MAX_VALUE);
    if (punctuationCount < 0 || step < 0 || (method == Method.PUNCTUATION) != (step > 0)) {
      throw new IllegalArgumentException(
          "inconsistent cut rule: " + method + ", t=" + punctuationCount + ", step=" + step);
    }
  }

  /**
   * The cut points of {@code fhr} for the characters in {@code punctuation}.
   *
   * @throws IllegalArgumentException when {@code fhr} has fewer than 4 punctuation characters and
   *     fewer than 4 words (no four distinct cuts exist)
   */
  public static CutPoints of(String fhr, String punctuation, SplittableRandom random) {
    List<Integer> marks = new ArrayList<>();
    for (int i = 0; i < fhr.length(); i++) {
      if (punctuation.indexOf(fhr.charAt(i)) >= 0) {
        marks.add(i);
      }
    }
    int t = marks.size();
    if (t >= COUNT) {
      int step = Math.max(1, random.nextInt(t / COUNT - 1, t / COUNT + 1));
      List<Integer> offsets = new ArrayList<>();
      for (int i = 1; i <= COUNT; i++) {
        offsets.add(marks.get(i * step - 1) + 1);
      }
      return new CutPoints(offsets, Method.PUNCTUATION, t, step);
    }
    int n = Words.count(fhr);
    if (n < COUNT) {
      throw new IllegalArgumentException(
          "cannot cut a response with "
              + t
              + " punctuation characters and "
              + n
              + " words into "
              + COUNT
              + " prefixes");
    }
    List<Integer> offsets = new ArrayList<>();
    for (int i = 1; i <= COUNT; i++) {
      offsets.add(Words.endOfWord(fhr, (i * n + COUNT - 1) / COUNT));
    }
    return new CutPoints(offsets, Method.WORDS, t, 0);
  }

  /** The four prefixes of {@code fhr} these cuts produce. */
  public List<String> prefixes(String fhr) {
    requireOffsets(offsets, fhr.length());
    return offsets.stream().map(o -> fhr.substring(0, o)).toList();
  }

  /** Four strictly increasing offsets in [1, length]. */
  static void requireOffsets(List<Integer> offsets, int length) {
    if (offsets.size() != COUNT) {
      throw new IllegalArgumentException("expected " + COUNT + " cut offsets, got " + offsets);
    }
    for (int i = 0; i < COUNT; i++) {
      int o = offsets.get(i);
      if (o < 1 || o > length || (i > 0 && o <= offsets.get(i - 1))) {
        throw new IllegalArgumentException(
            "cut offsets must be strictly increasing in [1, " + length + "], got " + offsets);
      }
    }
  }
}
