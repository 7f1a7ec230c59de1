package org.c2lab.train.generation;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.c2lab.core.model.FinishReason;
import org.c2lab.core.model.Generation;
import org.c2lab.core.model.SamplingParams;

/**
 * One sample while it is generated: its own random stream (seeded with the sample's seed, so the
 * sample does not depend on its batch), the tokens so far and, once it ends, why.
 */
final class SampleState {
  private final int[] prompt;
  private final SamplingParams params;
  private final TokenSampler sampler;
  private final SplittableRandom random;
  private final Set<Integer> stopIds;
  private final Detokenizer detokenizer;
  private final int[] tokens;
  private int count;
  private int produced;
  private int lastPicked;
  private FinishReason finish;
  private String stoppedText;

  SampleState(
      int[] prompt,
      SamplingParams params,
      long seed,
      Set<Integer> endOfTextIds,
      Detokenizer detokenizer) {
    this.prompt = prompt;
    this.params = params;
    this.sampler = TokenSampler.of(params);
    this.random = new SplittableRandom(seed);
    this.stopIds = union(endOfTextIds, params.stopTokenIds());
    this.detokenizer = detokenizer;
    this.tokens = new int[params.maxNewTokens()];
  }

  private static Set<Integer> union(Set<Integer> a, List<Integer> b) {
    java.util.HashSet<Integer> s = new java.util.HashSet<>(a);
    s.addAll(b);
    return Set.copyOf(s);
  }

  TokenSampler sampler() {
    return sampler;
  }

  boolean finished() {
    return finish != null;
  }

  /** The token to feed next: the last one picked. */
  int lastPicked() {
    return lastPicked;
  }

  /** Picks this sample's next token from its row and records it. */
  void step(TokenSampler.Row row) {
    int token = sampler.pick(row, random);
    produced++;
    lastPicked = token;
    if (stopIds.contains(token)) {
      finish = FinishReason.STOP;
      return;
    }
    tokens[count++] = token;
    if (!params.stopStrings().isEmpty()) {
      checkStopStrings();
    }
    if (finish == null && count == params.maxNewTokens()) {
      finish = FinishReason.LENGTH;
    }
  }

  /**
   * Ends the sample before the earliest stop string in its text. The returned ids are the longest
   * prefix whose text is a prefix of the cut text (a stop string may start inside a token).
   */
  private void checkStopStrings() {
    String text = detokenizer.continuation(prompt, Arrays.copyOf(tokens, count));
    int at = -1;
    for (String stop : params.stopStrings()) {
      int i = text.indexOf(stop);
      if (i >= 0 && (at < 0 || i < at)) {
        at = i;
      }
    }
    if (at < 0) {
      return;
    }
    stoppedText = text.substring(0, at);
    int keep = count - 1;
    while (keep > 0
        && !stoppedText.startsWith(detokenizer.continuation(prompt, Arrays.copyOf(tokens, keep)))) {
      keep--;
    }
    count = keep;
    finish = FinishReason.STOP;
  }

  /** The finished sample; {@code nanos} is its share of the batch's wall time. */
  Generation result(long nanos) {
    int[] ids = Arrays.copyOf(tokens, count);
    String text = stoppedText != null ? stoppedText : detokenizer.continuation(prompt, ids);
    return new Generation(ids, text, finish, new Generation.Timing(prompt.length, produced, nanos));
  }
}
