package org.c2lab.core.protocol;

import java.util.Objects;
import org.c2lab.core.data.Words;

/**
 * A C2-Eval prefill: the user's request and the assistant text the model must continue, before any
 * chat templating (which keeps the assistant turn open; see the template module).
 *
 * @param requestId the request's id ({@link org.c2lab.core.data.HarmfulExample#rowId()})
 * @param request the user's request
 * @param k the prefix length in whitespace words, force-begin phrase included
 * @param forceBeginPhrase the phrase chosen for this (request, k, seed)
 * @param prefix the first {@code k} words of {@code forceBeginPhrase + " " + FHR}, joined by single
 *     spaces (fewer when the text is shorter)
 * @param phraseIndex index of {@code forceBeginPhrase} in the run's phrase list
 * @param seed the run seed it was derived from
 */
public record PrefilledPrompt(
    String requestId,
    String request,
    int k,
    String forceBeginPhrase,
    String prefix,
    int phraseIndex,
    long seed) {

  public PrefilledPrompt {
    requireNonBlank(requestId, "requestId");
    requireNonBlank(request, "request");
    requireNonBlank(forceBeginPhrase, "forceBeginPhrase");
    requireNonBlank(prefix, "prefix");
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, got " + k);
    }
    if (phraseIndex < 0) {
      throw new IllegalArgumentException("phraseIndex must be >= 0, got " + phraseIndex);
    }
    int words = Words.count(prefix);
    if (words > k) {
      throw new IllegalArgumentException("prefix has " + words + " words, more than k = " + k);
    }
    if (!Words.firstWords(prefix, words).equals(prefix)) {
      throw new IllegalArgumentException("prefix must be words joined by single spaces");
    }
    String phraseStart = Words.firstWords(forceBeginPhrase, k);
    if (!prefix.equals(phraseStart) && !prefix.startsWith(phraseStart + " ")) {
      throw new IllegalArgumentException("prefix does not start with the force-begin phrase");
    }
  }

  /** The prefix's length in whitespace words (k, or fewer for short responses). */
  public int wordCount() {
    return Words.count(prefix);
  }

  private static void requireNonBlank(String v, String name) {
    Objects.requireNonNull(v, name);
    if (v.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }
}
