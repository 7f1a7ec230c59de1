package org.c2lab.core.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.c2lab.core.data.PreferencePair;

/**
 * The six C2-Syn responses of one request, best first: SR > SYN1 > SYN2 > SYN3 > SYN4 > FHR.
 *
 * <p>Validated to be in rank order: SYN_i must begin with {@code phrase_i + " " + FHR[0, cut_i) + "
 * " + trigger_i} (FHR being the last response) and the cuts must increase, so a later index really
 * means a later correction.
 *
 * @param requestId the request's id
 * @param request the user's request (the pairs' prompt)
 * @param responses exactly six non-blank responses, in {@link Rank} order
 * @param cutPositions the four character offsets into FHR where SYN1..SYN4 stop copying it
 * @param phrases the force-begin phrase of each SYN_i
 * @param triggers the corrective trigger of each SYN_i
 */
public record RankedResponses(
    String requestId,
    String request,
    List<String> responses,
    List<Integer> cutPositions,
    List<String> phrases,
    List<String> triggers) {
  /** Pairs per request: 6 choose 2. */
  public static final int PAIRS = 15;

  public RankedResponses {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(request, "request");
    responses = List.copyOf(responses);
    cutPositions = List.copyOf(cutPositions);
    phrases = List.copyOf(phrases);
    triggers = List.copyOf(triggers);
    if (responses.size() != Rank.values().length) {
      throw new IllegalArgumentException("expected 6 responses, got " + responses.size());
    }
    for (int i = 0; i < responses.size(); i++) {
      if (responses.get(i).isBlank()) {
        throw new IllegalArgumentException(Rank.values()[i] + " response is blank");
      }
    }
    if (phrases.size() != CutPoints.COUNT || triggers.size() != CutPoints.COUNT) {
      throw new IllegalArgumentException("expected 4 phrases and 4 triggers");
    }
    String fhr = responses.get(Rank.FHR.ordinal());
    CutPoints.requireOffsets(cutPositions, fhr.length());
    for (int i = 0; i < CutPoints.COUNT; i++) {
      String start =
          phrases.get(i) + " " + fhr.substring(0, cutPositions.get(i)) + " " + triggers.get(i);
      if (!responses.get(i + 1).startsWith(start)) {
        throw new IllegalArgumentException(
            Rank.values()[i + 1] + " does not start with its phrase, FHR cut and trigger");
      }
    }
  }

  /** The response of the given rank. */
  public String response(Rank rank) {
    return responses.get(rank.ordinal());
  }

  /**
   * Every (a, b) with a ranked better than b, as TRL preference pairs: exactly {@value #PAIRS},
   * ordered by chosen rank then rejected rank, with ranks (1 = SR ... 6 = FHR), the request's cut
   * positions and id as metadata.
   */
  public List<PreferencePair> pairs() {
    List<PreferencePair> out = new ArrayList<>(PAIRS);
    for (int a = 0; a < responses.size(); a++) {
      for (int b = a + 1; b < responses.size(); b++) {
        out.add(
            PreferencePair.builder(request, responses.get(a), responses.get(b))
                .ranks(a + 1, b + 1)
                .cutPositions(cutPositions)
                .requestId(requestId)
                .build());
      }
    }
    return out;
  }
}
