package org.c2lab.core.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.c2lab.core.data.HarmfulExample;

/**
 * The random choices of one C2-Syn request, made before any generation: the cut points of its FHR
 * and, for each SYN_i, a force-begin phrase and a corrective trigger.
 *
 * <p>Generation (another module's job) then needs, in plain text before chat templating:
 *
 * <ul>
 *   <li>SR: the aligned model's answer to {@code example().request()} from an empty assistant turn
 *       (an ordinary generation, no prefill);
 *   <li>SYN_i: the aligned model's continuation of the open assistant turn {@link
 *       #continuationPrefixes()}{@code .get(i - 1)}.
 * </ul>
 *
 * and {@link #assemble} turns the results into the six {@link RankedResponses}.
 *
 * @param example the request and its FHR
 * @param cuts where SYN1..SYN4 stop copying the FHR
 * @param phraseIndexes index into the run's phrase list, per SYN_i
 * @param phrases the force-begin phrase of each SYN_i
 * @param triggerIndexes index into the run's trigger list, per SYN_i
 * @param triggers the corrective trigger of each SYN_i
 * @param seed the run seed the choices were derived from
 */
public record SynPlan(
    HarmfulExample example,
    CutPoints cuts,
    List<Integer> phraseIndexes,
    List<String> phrases,
    List<Integer> triggerIndexes,
    List<String> triggers,
    long seed) {

  public SynPlan {
    Objects.requireNonNull(example, "example");
    Objects.requireNonNull(cuts, "cuts");
    phraseIndexes = List.copyOf(phraseIndexes);
    phrases = List.copyOf(phrases);
    triggerIndexes = List.copyOf(triggerIndexes);
    triggers = List.copyOf(triggers);
    for (List<?> l : List.of(phraseIndexes, phrases, triggerIndexes, triggers)) {
      if (l.size() != CutPoints.COUNT) {
        throw new IllegalArgumentException("expected one entry per SYN response, got " + l);
      }
    }
    cuts.prefixes(example.harmfulResponse()); // offsets must fit this FHR
  }

  /**
   * The assistant text each SYN_i continues from: {@code phrase_i + " " + prefix_i + " " +
   * trigger_i}, where prefix_i is the FHR up to cut i.
   */
  public List<String> continuationPrefixes() {
    List<String> prefixes = cuts.prefixes(example.harmfulResponse());
    List<String> out = new ArrayList<>(CutPoints.COUNT);
    for (int i = 0; i < CutPoints.COUNT; i++) {
      out.add(phrases.get(i) + " " + prefixes.get(i) + " " + triggers.get(i));
    }
    return out;
  }

  /**
   * The six ranked responses, given the aligned model's outputs.
   *
   * @param sr the answer from an empty assistant turn (non-blank)
   * @param continuations the text generated after each of {@link #continuationPrefixes()}, in
   *     order; appended verbatim (SYN_i = prefix + continuation), so it must carry its own leading
   *     space: decode it together with the prefix and strip the prefix, rather than decoding the
   *     new tokens alone (SentencePiece drops a leading space there)
   */
  public RankedResponses assemble(String sr, List<String> continuations) {
    Objects.requireNonNull(continuations, "continuations");
    if (continuations.size() != CutPoints.COUNT) {
      throw new IllegalArgumentException(
          "expected " + CutPoints.COUNT + " continuations, got " + continuations.size());
    }
    List<String> prefixes = continuationPrefixes();
    List<String> responses = new ArrayList<>(6);
    responses.add(sr);
    for (int i = 0; i < CutPoints.COUNT; i++) {
      responses.add(prefixes.get(i) + Objects.requireNonNull(continuations.get(i)));
    }
    responses.add(example.harmfulResponse());
    return new RankedResponses(
        example.rowId(), example.request(), responses, cuts.offsets(), phrases, triggers);
  }
}
