package org.c2lab.core.job;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A long task with a typed configuration: a C2-Eval run, C2-Syn synthesis, DPO training.
 *
 * <p><b>Resumability is the job's responsibility.</b> A job may be stopped at any point (crash,
 * cancellation, machine restart) and run again with the same {@link #id()}; it then gets the same
 * {@link JobContext#checkpointDir()} back and must continue where it stopped, without repeating or
 * losing work. To make that hold:
 *
 * <ul>
 *   <li>split the work into units with stable keys (e.g. request id, k, path) and derive every seed
 *       from the key, never from processing order, so a redone unit gives the same result;
 *   <li>after finishing units, record them in the checkpoint directory atomically (write a
 *       temporary file, then move it over the old one) or append-only with one record per line;
 *   <li>on start, read the checkpoint, skip finished units, and report progress including them;
 *   <li>check {@link JobContext#throwIfCancelled()} between units, after checkpointing.
 * </ul>
 *
 * @param <C> the configuration type: an immutable record that serialises to JSON for provenance
 * @param <R> the result type
 */
public interface Job<C, R> {
  /** Ids name directories and URLs, so they are restricted to a safe alphabet. */
  Pattern ID_PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  /** The job's identity; re-running with the same id resumes. Matches {@link #ID_PATTERN}. */
  String id();

  /** The configuration the job runs with. */
  C config();

  /** A short name of what the job does, e.g. {@code c2-eval}; defaults to the class name. */
  default String kind() {
    return getClass().getSimpleName();
  }

  /**
   * Does the work.
   *
   * @throws JobCancelledException when it stops because {@link JobContext#isCancelled()}
   * @throws Exception when it fails; the failure is recorded and the checkpoint kept for a retry
   */
  R run(JobContext context) throws Exception;

  /**
   * Returns {@code id} if it is a valid job or run id.
   *
   * @throws IllegalArgumentException otherwise
   */
  static String checkId(String id) {
    Objects.requireNonNull(id, "id");
    if (!ID_PATTERN.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "id must match " + ID_PATTERN.pattern() + " (it names a directory): '" + id + "'");
    }
    return id;
  }
}
