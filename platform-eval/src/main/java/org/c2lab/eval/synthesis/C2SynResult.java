package org.c2lab.eval.synthesis;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What a C2-Syn run produced.
 *
 * @param pairsFile the TRL JSON Lines file
 * @param statsFile {@code <out>.stats.json}
 * @param complete whether every selected request was processed
 * @param requestsProcessed requests processed (with pairs or dropped after selection)
 * @param requestsTotal requests selected by the filter
 * @param pairsWritten pair lines in the file (15 per request with pairs)
 */
public record C2SynResult(
    Path pairsFile,
    Path statsFile,
    boolean complete,
    long requestsProcessed,
    long requestsTotal,
    long pairsWritten) {
  public C2SynResult {
    Objects.requireNonNull(pairsFile, "pairsFile");
    Objects.requireNonNull(statsFile, "statsFile");
    if (requestsProcessed < 0 || requestsProcessed > requestsTotal || pairsWritten < 0) {
      throw new IllegalArgumentException(
          "inconsistent counts: " + requestsProcessed + "/" + requestsTotal + ", " + pairsWritten);
    }
  }
}
