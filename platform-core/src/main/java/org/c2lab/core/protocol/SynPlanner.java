package org.c2lab.core.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.c2lab.core.data.HarmfulExample;

/**
 * Makes the C2-Syn choices of each request ({@link SynPlan}).
 *
 * <p>Randomness: one {@code SplittableRandom} per request, derived from ("c2-syn", seed, rowId) by
 * SHA-256 (see {@code Seeds}); it draws the cut step (punctuation mode only, see {@link
 * CutPoints}), then for i = 1..4 a trigger index and a phrase index, uniformly, in that order (the
 * reference's order). The reference seeds nothing; here a (seed, request) always gives the same
 * plan, whatever else runs.
 */
public final class SynPlanner {
  private final ProtocolConfig config;

  public SynPlanner(ProtocolConfig config) {
    this.config = config;
  }

  /** The plan of {@code example} for the run seed {@code seed}. */
  public SynPlan plan(HarmfulExample example, long seed) {
    SplittableRandom random = Seeds.random("c2-syn", seed, example.rowId());
    CutPoints cuts = CutPoints.of(example.harmfulResponse(), config.synPunctuation(), random);
    List<String> phrases = config.forceBeginPhrases();
    List<String> triggers = config.correctiveTriggers();
    List<Integer> phraseIdx = new ArrayList<>();
    List<Integer> triggerIdx = new ArrayList<>();
    for (int i = 0; i < CutPoints.COUNT; i++) {
      triggerIdx.add(random.nextInt(triggers.size()));
      phraseIdx.add(random.nextInt(phrases.size()));
    }
    return new SynPlan(
        example,
        cuts,
        phraseIdx,
        phraseIdx.stream().map(phrases::get).toList(),
        triggerIdx,
        triggerIdx.stream().map(triggers::get).toList(),
        seed);
  }
}
