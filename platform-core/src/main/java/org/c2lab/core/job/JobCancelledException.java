package org.c2lab.core.job;

/** Thrown by {@link JobContext#throwIfCancelled()} to unwind a job that was asked to stop. */
public class JobCancelledException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String jobId;

  public JobCancelledException(String jobId) {
    super("job " + jobId + " was cancelled");
    this.jobId = jobId;
  }

  /** The cancelled job. */
  public String jobId() {
    return jobId;
  }
}
