package org.c2lab.core.metrics;

import java.util.List;

/**
 * Two runs cannot be compared path by path because their (request, k, path) keys differ, e.g. one
 * run was stopped early or used a different number of paths.
 */
public class UnpairedOutcomesException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final long onlyInA;
  private final long onlyInB;

  public UnpairedOutcomesException(
      long onlyInA, long onlyInB, List<SampleKey> examplesA, List<SampleKey> examplesB) {
    super(
        "runs are not paired: "
            + onlyInA
            + " keys only in A "
            + examplesA
            + ", "
            + onlyInB
            + " keys only in B "
            + examplesB);
    this.onlyInA = onlyInA;
    this.onlyInB = onlyInB;
  }

  /** Number of keys present in run A but not in run B. */
  public long onlyInA() {
    return onlyInA;
  }

  /** Number of keys present in run B but not in run A. */
  public long onlyInB() {
    return onlyInB;
  }
}
