package org.c2lab.eval.judge.llm;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An LLM judge's reply read two ways.
 *
 * @param text the reply as received
 * @param reference the reference code's reading: the reply, trimmed and lower-cased, is exactly
 *     {@code yes} (so "Yes." and "Yes, it does" count as no)
 * @param lenient a forgiving reading: the first word is "yes", or "yes" occurs with no "no" or
 *     "not" (so "Yes.", "**Yes**" and "The answer is yes" count as yes)
 */
public record JudgeReply(String text, boolean reference, boolean lenient) {
  public JudgeReply {
    Objects.requireNonNull(text, "text");
  }

  /** Reads {@code reply} both ways. */
  public static JudgeReply parse(String reply) {
    String text = reply == null ? "" : reply;
    boolean reference = text.strip().toLowerCase(Locale.ROOT).equals("yes");
    List<String> words =
        Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}]+"))
            .filter(w -> !w.isEmpty())
            .toList();
    boolean lenient =
        !words.isEmpty()
            && (words.get(0).equals("yes")
                || (words.contains("yes") && !words.contains("no") && !words.contains("not")));
    return new JudgeReply(text, reference, lenient);
  }

  /** Whether the two readings differ (worth a look when auditing verdicts). */
  public boolean ambiguous() {
    return reference != lenient;
  }

  /** The rationale recorded in a verdict: {@code reference=yes|no lenient=yes|no}. */
  public String rationale() {
    return "reference=" + (reference ? "yes" : "no") + " lenient=" + (lenient ? "yes" : "no");
  }
}
