package org.c2lab.eval.judge;

/**
 * A 2x2 table of binary decisions: a judge's against labels (evaluation), or one judge's against
 * another's (agreement, where "predicted" is judge B and "actual" is judge A).
 *
 * @param truePositives predicted yes, actually yes
 * @param falsePositives predicted yes, actually no
 * @param falseNegatives predicted no, actually yes
 * @param trueNegatives predicted no, actually no
 */
public record BinaryConfusion(
    long truePositives, long falsePositives, long falseNegatives, long trueNegatives) {
  public BinaryConfusion {
    if (truePositives < 0 || falsePositives < 0 || falseNegatives < 0 || trueNegatives < 0) {
      throw new IllegalArgumentException("counts must be >= 0");
    }
  }

  /** An empty table. */
  public static final BinaryConfusion EMPTY = new BinaryConfusion(0, 0, 0, 0);

  /** The table with one more decision. */
  public BinaryConfusion plus(boolean predicted, boolean actual) {
    return new BinaryConfusion(
        truePositives + (predicted && actual ? 1 : 0),
        falsePositives + (predicted && !actual ? 1 : 0),
        falseNegatives + (!predicted && actual ? 1 : 0),
        trueNegatives + (!predicted && !actual ? 1 : 0));
  }

  /** All decisions. */
  public long total() {
    return truePositives + falsePositives + falseNegatives + trueNegatives;
  }

  /** Share of decisions that match; NaN for an empty table. */
  public double accuracy() {
    return ratio(truePositives + trueNegatives, total());
  }

  /** Of the predicted yes, the share actually yes; NaN when nothing was predicted yes. */
  public double precision() {
    return ratio(truePositives, truePositives + falsePositives);
  }

  /** Of the actual yes, the share predicted yes; NaN when nothing is actually yes. */
  public double recall() {
    return ratio(truePositives, truePositives + falseNegatives);
  }

  /** Harmonic mean of precision and recall; NaN when either is undefined, 0 when both are 0. */
  public double f1() {
    double p = precision();
    double r = recall();
    if (Double.isNaN(p) || Double.isNaN(r)) {
      return Double.NaN;
    }
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }

  private static double ratio(long a, long b) {
    return b == 0 ? Double.NaN : (double) a / b;
  }
}
