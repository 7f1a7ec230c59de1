package org.c2lab.core.data;

import java.util.List;
import java.util.Objects;

/**
 * One preference pair in TRL's standard (non-conversational) format, plus C2-Syn metadata.
 *
 * <p>Ranks number the six C2-Syn responses best first: 1 = SR, 2..5 = SYN1..SYN4, 6 = FHR (any
 * ranks with {@code chosenRank < rejectedRank} are accepted, for other sources). Pairs read from a
 * plain TRL file have no metadata: ranks 0, no cut positions, null request id.
 *
 * @param prompt the user's request, as TRL expects it (no chat template applied), non-blank
 * @param chosen the better response
 * @param rejected the worse response
 * @param chosenRank rank of {@code chosen} (1 = best), or 0 when unknown
 * @param rejectedRank rank of {@code rejected}, greater than {@code chosenRank}, or 0 when unknown
 * @param cutPositions the request's C2-Syn cut positions: character offsets into the FHR where
 *     SYN1..SYN4 stop copying it (strictly increasing); SYN_i uses the i-th. Empty when unknown
 * @param requestId the id of the request ({@link HarmfulExample#rowId()}), or null when unknown
 */
public record PreferencePair(
    String prompt,
    String chosen,
    String rejected,
    int chosenRank,
    int rejectedRank,
    List<Integer> cutPositions,
    String requestId) {

  public PreferencePair {
    HarmfulExample.requireNonBlank(prompt, "prompt");
    Objects.requireNonNull(chosen, "chosen");
    Objects.requireNonNull(rejected, "rejected");
    if (!(chosenRank == 0 && rejectedRank == 0)
        && !(1 <= chosenRank && chosenRank < rejectedRank)) {
      throw new IllegalArgumentException(
          "ranks must both be 0 (unknown) or 1 <= chosenRank < rejectedRank, got "
              + chosenRank
              + " and "
              + rejectedRank);
    }
    cutPositions = List.copyOf(cutPositions);
    requireIncreasing(cutPositions);
    if (requestId != null && requestId.isBlank()) {
      throw new IllegalArgumentException("requestId must be null or non-blank");
    }
  }

  /** A pair without metadata (a plain TRL row). */
  public static PreferencePair of(String prompt, String chosen, String rejected) {
    return new PreferencePair(prompt, chosen, rejected, 0, 0, List.of(), null);
  }

  /** A builder starting from the three TRL fields. */
  public static Builder builder(String prompt, String chosen, String rejected) {
    return new Builder(prompt, chosen, rejected);
  }

  /** Whether the ranks are known. */
  public boolean ranked() {
    return chosenRank != 0;
  }

  static void requireIncreasing(List<Integer> offsets) {
    int prev = -1;
    for (int p : offsets) {
      if (p <= prev) {
        throw new IllegalArgumentException(
            "cut positions must be strictly increasing offsets >= 0, got " + offsets);
      }
      prev = p;
    }
  }

  /** Builds a {@link PreferencePair}; metadata optional. */
  public static final class Builder {
    private final String prompt;
    private final String chosen;
    private final String rejected;
    private int chosenRank;
    private int rejectedRank;
    private List<Integer> cutPositions = List.of();
    private String requestId;

    private Builder(String prompt, String chosen, String rejected) {
      this.prompt = prompt;
      this.chosen = chosen;
      this.rejected = rejected;
    }

    public Builder ranks(int chosenRank, int rejectedRank) {
      this.chosenRank = chosenRank;
      this.rejectedRank = rejectedRank;
      return this;
    }

    public Builder cutPositions(List<Integer> cutPositions) {
      this.cutPositions = cutPositions;
      return this;
    }

    public Builder requestId(String requestId) {
      this.requestId = requestId;
      return this;
    }

    public PreferencePair build() {
      return new PreferencePair(
          prompt, chosen, rejected, chosenRank, rejectedRank, cutPositions, requestId);
    }
  }
}
