package org.c2lab.web.runs;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.c2lab.core.store.MetricPoint;
import org.c2lab.core.store.Page;
import org.c2lab.core.store.PageRequest;
import org.c2lab.core.store.SampleRecord;
import org.c2lab.web.account.Principal;

/**
 * The lab server's runs: queued, executed in lanes, cancelled, resumed after a restart. The
 * dashboard and the REST API both go through this service; every launch, cancel and delete is
 * audited.
 */
public interface RunService {
  /** The parameters a kind takes, in form order. */
  List<ParameterSpec> parameters(RunKind kind);

  /**
   * Validates and queues a run.
   *
   * @throws RunValidationException naming the offending parameter
   */
  RunView submit(RunRequest request, Principal who);

  /** Runs, newest first. */
  Page<RunView> list(PageRequest page);

  Optional<RunView> get(String id);

  /** Cancels a queued or running run; a running one keeps its completed work. */
  RunView cancel(String id, Principal who);

  /** Deletes a finished run and its files. */
  void delete(String id, Principal who);

  /** The run's metric points, in append order. */
  List<MetricPoint> metrics(String id);

  /** The run's per-sample records (judged paths, pairs), in append order. */
  Page<SampleRecord> samples(String id, PageRequest page);

  /** The last {@code lines} lines of the run's log. */
  List<String> log(String id, int lines);

  /** Files the run produced, relative to its directory. */
  List<Path> files(String id);

  /** The run's directory (where its files are). */
  Path directory(String id);

  /** Calls {@code listener} on every change of any run until the returned handle is closed. */
  AutoCloseable subscribe(Consumer<RunView> listener);
}
