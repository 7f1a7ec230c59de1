package org.c2lab.core.protocol;

/**
 * The six C2-Syn responses, best first: course-correction beats none, earlier beats later. {@link
 * #number()} is the rank stored in preference-pair metadata (1 = best).
 */
public enum Rank {
  /** The aligned model's own answer from an empty assistant turn. */
  SR,
  /** Corrects after the first cut of the harmful response. */
  SYN1,
  SYN2,
  SYN3,
  /** Corrects after the last cut. */
  SYN4,
  /** The full harmful response, uncorrected. */
  FHR;

  /** 1 for SR ... 6 for FHR. */
  public int number() {
    return ordinal() + 1;
  }

  /** The rank with the given number (1..6). */
  public static Rank of(int number) {
    if (number < 1 || number > values().length) {
      throw new IllegalArgumentException("rank number must be 1..6, got " + number);
    }
    return values()[number - 1];
  }
}
