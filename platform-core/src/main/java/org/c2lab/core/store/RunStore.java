package org.c2lab.core.store;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.c2lab.core.job.JobStatus;

/**
 * Where runs, their metric series and their per-sample records are kept (H2 in the application,
 * files or memory in the CLI and tests). Metric and sample listings are in append order; run
 * listings are newest first. Stores timestamp with millisecond precision, which every backend keeps
 * exactly. Implementations are thread-safe. The {@code RunStoreContract} test suite checks all of
 * this.
 */
public interface RunStore {
  /** Newest first; ties broken by id so paging is stable. */
  Comparator<RunRecord> NEWEST_FIRST =
      Comparator.comparing(RunRecord::createdAt).reversed().thenComparing(RunRecord::id);

  /**
   * Creates a run in status {@link JobStatus#QUEUED}.
   *
   * @throws DuplicateRunException when the id is taken
   * @throws IllegalArgumentException when the id or config is invalid
   */
  RunRecord createRun(String id, String kind, String configJson);

  /** The run with this id, if any. */
  Optional<RunRecord> getRun(String id);

  /** Runs, newest first ({@link #NEWEST_FIRST}). */
  Page<RunRecord> listRuns(PageRequest page);

  /**
   * Sets a run's status.
   *
   * @throws NoSuchRunException when the run does not exist
   */
  RunRecord updateStatus(String id, JobStatus status);

  /**
   * Sets a run's provenance document.
   *
   * @throws NoSuchRunException when the run does not exist
   */
  RunRecord updateProvenance(String id, String provenanceJson);

  /**
   * Appends metric points, possibly of several runs. Either all are stored or, when a run is
   * unknown, none.
   *
   * @throws NoSuchRunException when a point's run does not exist
   */
  void appendMetrics(List<MetricPoint> points);

  /** Appends one metric point. */
  default void appendMetric(MetricPoint point) {
    appendMetrics(List.of(point));
  }

  /**
   * A run's metric points, in append order.
   *
   * @throws NoSuchRunException when the run does not exist
   */
  Page<MetricPoint> metrics(String runId, PageRequest page);

  /**
   * A run's points of one metric, in append order.
   *
   * @throws NoSuchRunException when the run does not exist
   */
  Page<MetricPoint> metrics(String runId, String name, PageRequest page);

  /**
   * Appends sample records, possibly of several runs; all or, when a run is unknown, none. Keys are
   * not deduplicated: a resuming job appends only samples it has not stored.
   *
   * @throws NoSuchRunException when a record's run does not exist
   */
  void appendSamples(List<SampleRecord> samples);

  /**
   * A run's sample records, in append order.
   *
   * @throws NoSuchRunException when the run does not exist
   */
  Page<SampleRecord> samples(String runId, PageRequest page);
}
