package org.c2lab.core.job;

/** Where a job is in its life. */
public enum JobStatus {
  /** Accepted, not started. */
  QUEUED,
  /** Running now. */
  RUNNING,
  /** Finished with a result. */
  SUCCEEDED,
  /** Stopped by an error; may be resumed. */
  FAILED,
  /** Stopped on request; may be resumed. */
  CANCELLED;

  /** Whether the job has stopped (for now). */
  public boolean isTerminal() {
    return this == SUCCEEDED || this == FAILED || this == CANCELLED;
  }
}
