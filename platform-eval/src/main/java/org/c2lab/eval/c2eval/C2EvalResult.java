package org.c2lab.eval.c2eval;

import java.nio.file.Path;
import java.util.Objects;
import org.c2lab.core.metrics.CorrectionReport;

/**
 * What a C2-Eval run produced (also written to {@code summary.json}).
 *
 * @param samplesFile {@code <out>/samples.jsonl}, one judged path per line
 * @param summaryFile {@code <out>/summary.json}
 * @param complete whether every unit is done; false for a cancelled run's partial summary
 * @param samples judged paths in the file
 * @param unitsDone (request, k) units done
 * @param unitsTotal (request, k) units the run covers
 * @param report Corr@k and Corr_mean over the samples, or null when there are none yet
 */
public record C2EvalResult(
    Path samplesFile,
    Path summaryFile,
    boolean complete,
    long samples,
    long unitsDone,
    long unitsTotal,
    CorrectionReport report) {

  public C2EvalResult {
    Objects.requireNonNull(samplesFile, "samplesFile");
    Objects.requireNonNull(summaryFile, "summaryFile");
    if (unitsDone < 0 || unitsDone > unitsTotal || samples < 0) {
      throw new IllegalArgumentException(
          "inconsistent counts: " + unitsDone + "/" + unitsTotal + " units, " + samples);
    }
    if (complete != (unitsDone == unitsTotal)) {
      throw new IllegalArgumentException("complete must mean every unit is done");
    }
  }
}
