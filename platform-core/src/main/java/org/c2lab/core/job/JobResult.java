package org.c2lab.core.job;

import java.util.Objects;
import org.c2lab.core.provenance.Provenance;

/**
 * How a job run ended: status, result (when it succeeded), error (when it failed) and the finished
 * provenance.
 *
 * @param jobId the job
 * @param status {@link JobStatus#SUCCEEDED}, {@link JobStatus#FAILED} or {@link
 *     JobStatus#CANCELLED}
 * @param value the result, or {@code null} unless succeeded
 * @param error the failure, or {@code null} unless failed
 * @param provenance provenance with config, job notes and finish time
 */
public record JobResult<R>(
    String jobId, JobStatus status, R value, Throwable error, Provenance provenance) {
  public JobResult {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(provenance, "provenance");
    if (!status.isTerminal()) {
      throw new IllegalArgumentException("a result needs a terminal status, not " + status);
    }
    if ((status == JobStatus.FAILED) != (error != null)) {
      throw new IllegalArgumentException("exactly failed results carry an error");
    }
  }

  /**
   * Runs {@code job} in the calling thread: records the job's config, id and kind in the
   * provenance, maps {@link JobCancelledException} to CANCELLED and any other exception to FAILED,
   * and stamps the finish time.
   */
  public static <R> JobResult<R> run(Job<?, R> job, JobContext context) {
    if (!job.id().equals(context.jobId())) {
      throw new IllegalArgumentException(
          "context is for job " + context.jobId() + ", not " + job.id());
    }
    Provenance.Builder provenance =
        context
            .provenance()
            .config(job.config())
            .note("job.id", job.id())
            .note("job.kind", job.kind());
    JobStatus status;
    R value = null;
    Throwable error = null;
    try {
      value = job.run(context);
      status = JobStatus.SUCCEEDED;
    } catch (JobCancelledException e) {
      status = JobStatus.CANCELLED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      status = JobStatus.CANCELLED;
    } catch (Exception e) {
      status = JobStatus.FAILED;
      error = e;
    }
    return new JobResult<>(job.id(), status, value, error, provenance.finishedNow().build());
  }
}
