package org.c2lab.core.job;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A progress report of a job.
 *
 * @param jobId the reporting job
 * @param done units finished, including units restored from a checkpoint
 * @param total units in all, or {@link #UNKNOWN_TOTAL}
 * @param message what the job is doing, may be empty
 * @param at when the report was made
 * @param elapsed time since the job's first report
 * @param eta estimated time to finish at the rate observed since the first report, or {@code null}
 *     while unknown (total unknown, or no progress measured yet)
 */
public record Progress(
    String jobId,
    long done,
    long total,
    String message,
    Instant at,
    Duration elapsed,
    Duration eta) {

  /** The total of a job that does not know how much work it has. */
  public static final long UNKNOWN_TOTAL = -1;

  public Progress {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(elapsed, "elapsed");
    if (done < 0) {
      throw new IllegalArgumentException("done must be >= 0, was " + done);
    }
    if (total != UNKNOWN_TOTAL && (total < 0 || done > total)) {
      throw new IllegalArgumentException(
          "need 0 <= done <= total: done=" + done + " total=" + total);
    }
    if (elapsed.isNegative() || (eta != null && eta.isNegative())) {
      throw new IllegalArgumentException("durations must not be negative");
    }
  }

  /** done / total in [0, 1], or NaN when the total is unknown; 1 for an empty job. */
  public double fraction() {
    if (total == UNKNOWN_TOTAL) {
      return Double.NaN;
    }
    return total == 0 ? 1.0 : (double) done / total;
  }
}
