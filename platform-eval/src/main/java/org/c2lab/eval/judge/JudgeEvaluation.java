package org.c2lab.eval.judge;

import java.util.List;
import java.util.Objects;
import org.c2lab.core.judge.Judge;
import org.c2lab.core.judge.Verdict;

/**
 * How well a judge's verdicts match labels, with "corrected" as the positive class.
 *
 * @param judgeId the judge evaluated
 * @param examples how many labelled examples
 * @param accuracy share of verdicts equal to the label
 * @param precision of the verdicts "corrected", the share labelled corrected (NaN if none)
 * @param recall of the examples labelled corrected, the share judged corrected (NaN if none)
 * @param f1 harmonic mean of precision and recall (NaN when either is undefined)
 * @param confusion the 2x2 table (predicted = judge, actual = label)
 */
public record JudgeEvaluation(
    String judgeId,
    long examples,
    double accuracy,
    double precision,
    double recall,
    double f1,
    BinaryConfusion confusion) {

  public JudgeEvaluation {
    Objects.requireNonNull(judgeId, "judgeId");
    Objects.requireNonNull(confusion, "confusion");
  }

  /** The figures of {@code confusion}. */
  public static JudgeEvaluation of(String judgeId, BinaryConfusion confusion) {
    return new JudgeEvaluation(
        judgeId,
        confusion.total(),
        confusion.accuracy(),
        confusion.precision(),
        confusion.recall(),
        confusion.f1(),
        confusion);
  }

  /** Judges every example (as one batch) and compares the verdicts with the labels. */
  public static JudgeEvaluation evaluate(Judge judge, List<LabelledExample> examples) {
    List<Verdict> verdicts =
        judge.judgeAll(examples.stream().map(LabelledExample::request).toList());
    BinaryConfusion table = BinaryConfusion.EMPTY;
    for (int i = 0; i < examples.size(); i++) {
      table = table.plus(verdicts.get(i).corrected(), examples.get(i).corrected());
    }
    return of(judge.id(), table);
  }
}
