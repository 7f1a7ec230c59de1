package org.c2lab.core.protocol;

import java.util.List;
import java.util.Objects;
import org.c2lab.core.data.HarmfulExample;
import org.c2lab.core.data.Words;

/**
 * C2-Eval prefills: for a request and a k, a seeded force-begin phrase, then the first k whitespace
 * words of {@code phrase + " " + FHR} (all of them when there are fewer), joined by single spaces.
 *
 * <p>Words are Python's {@code str.split()} words (see {@link Words}), so runs of whitespace inside
 * the prefix (newlines between list items, say) collapse to one space, as the reference's {@code '
 * '.join(split()[:k])} does. The reference keeps the unsplit text when it has fewer than k words;
 * here the text is always normalised, so a prefix never depends on whether it hit the limit.
 *
 * <p>Phrase choice: index = {@code SplittableRandom(s).nextInt(phrases)} where {@code s} is derived
 * from ("c2-eval", seed, requestId, k) by SHA-256 (see {@code Seeds}). Deterministic per (seed,
 * requestId, k), independent of order and batching, and uniform over the phrase list. The reference
 * draws a fresh phrase per sampled path and its list order is Python set order (varies per
 * process); here the b paths of one (request, k) share one prefill and the list order is the
 * resource file's.
 */
public final class Prefiller {
  private final List<String> phrases;
  private final List<Integer> kValues;

  public Prefiller(ProtocolConfig config) {
    this.phrases = config.forceBeginPhrases();
    this.kValues = config.kValues();
  }

  /** The prefill of {@code example} at {@code k} for the run seed {@code seed}. */
  public PrefilledPrompt prefill(HarmfulExample example, int k, long seed) {
    Objects.requireNonNull(example, "example");
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, got " + k);
    }
    int index = phraseIndex(example.rowId(), k, seed);
    String phrase = phrases.get(index);
    String prefix = Words.firstWords(phrase + " " + example.harmfulResponse(), k);
    return new PrefilledPrompt(example.rowId(), example.request(), k, phrase, prefix, index, seed);
  }

  /** The prefills of {@code example} at every configured k, in the configured order. */
  public List<PrefilledPrompt> prefillAll(HarmfulExample example, long seed) {
    return kValues.stream().map(k -> prefill(example, k, seed)).toList();
  }

  /** The seeded phrase index for (requestId, k, seed). */
  public int phraseIndex(String requestId, int k, long seed) {
    return Seeds.random("c2-eval", seed, requestId, k).nextInt(phrases.size());
  }
}
