package org.c2lab.core.job;

import java.nio.file.Path;
import java.util.Optional;
import org.c2lab.core.provenance.Provenance;

/**
 * What a running {@link Job} gets from whoever runs it (the CLI, the web queue, a test).
 * Implementations are thread-safe: a job may report from worker threads.
 */
public interface JobContext {
  /** The id of the job this context serves. */
  String jobId();

  /**
   * Reports progress. Report once when starting (with units restored from a checkpoint counted in
   * {@code done}): the ETA is measured from the first report, so restored work does not inflate the
   * rate.
   *
   * @param done units finished so far, 0 <= done <= total
   * @param total all units, or {@link Progress#UNKNOWN_TOTAL}
   * @param message a short description of the current activity
   */
  void progress(long done, long total, String message);

  /** The latest report, if any. */
  Optional<Progress> lastProgress();

  /** Whether the job has been asked to stop. Jobs check it between units of work. */
  boolean isCancelled();

  /**
   * Throws if the job has been asked to stop; call it between units, after checkpointing.
   *
   * @throws JobCancelledException when cancelled
   */
  default void throwIfCancelled() {
    if (isCancelled()) {
      throw new JobCancelledException(jobId());
    }
  }

  /**
   * A directory private to this job id that survives restarts; created on first call. See {@link
   * Job} for how jobs use it to resume.
   */
  Path checkpointDir();

  /** The provenance being collected for this run; the job adds data sets, models, seed, notes. */
  Provenance.Builder provenance();
}
