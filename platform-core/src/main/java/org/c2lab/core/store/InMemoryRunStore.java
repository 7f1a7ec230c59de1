package org.c2lab.core.store;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.c2lab.core.job.JobStatus;

/** A {@link RunStore} in memory, for tests and throwaway runs. Thread-safe (one lock). */
public final class InMemoryRunStore implements RunStore {
  private static final class Run {
    RunRecord record;
    final List<MetricPoint> metrics = new ArrayList<>();
    final List<SampleRecord> samples = new ArrayList<>();

    Run(RunRecord record) {
      this.record = record;
    }
  }

  private final Clock clock;
  private final Map<String, Run> runs = new HashMap<>();

  public InMemoryRunStore() {
    this(Clock.systemUTC());
  }

  public InMemoryRunStore(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  @Override
  public synchronized RunRecord createRun(String id, String kind, String configJson) {
    Instant now = now();
    RunRecord record = new RunRecord(id, kind, JobStatus.QUEUED, configJson, now, now, null);
    if (runs.containsKey(id)) {
      throw new DuplicateRunException(id);
    }
    runs.put(id, new Run(record));
    return record;
  }

  @Override
  public synchronized Optional<RunRecord> getRun(String id) {
    return Optional.ofNullable(runs.get(id)).map(r -> r.record);
  }

  @Override
  public synchronized Page<RunRecord> listRuns(PageRequest page) {
    List<RunRecord> all = runs.values().stream().map(r -> r.record).sorted(NEWEST_FIRST).toList();
    return Page.of(all, page);
  }

  @Override
  public synchronized RunRecord updateStatus(String id, JobStatus status) {
    Objects.requireNonNull(status, "status");
    return update(id, r -> r.withStatus(status, now()));
  }

  @Override
  public synchronized RunRecord updateProvenance(String id, String provenanceJson) {
    Objects.requireNonNull(provenanceJson, "provenanceJson");
    return update(id, r -> r.withProvenance(provenanceJson, now()));
  }

  private RunRecord update(String id, Function<RunRecord, RunRecord> change) {
    Run run = run(id);
    run.record = change.apply(run.record);
    return run.record;
  }

  @Override
  public synchronized void appendMetrics(List<MetricPoint> points) {
    points.forEach(p -> run(p.runId())); // all runs must exist before anything is stored
    points.forEach(p -> run(p.runId()).metrics.add(p));
  }

  @Override
  public synchronized Page<MetricPoint> metrics(String runId, PageRequest page) {
    return Page.of(run(runId).metrics, page);
  }

  @Override
  public synchronized Page<MetricPoint> metrics(String runId, String name, PageRequest page) {
    Objects.requireNonNull(name, "name");
    List<MetricPoint> series =
        run(runId).metrics.stream().filter(p -> p.name().equals(name)).toList();
    return Page.of(series, page);
  }

  @Override
  public synchronized void appendSamples(List<SampleRecord> samples) {
    samples.forEach(s -> run(s.runId()));
    samples.forEach(s -> run(s.runId()).samples.add(s));
  }

  @Override
  public synchronized Page<SampleRecord> samples(String runId, PageRequest page) {
    return Page.of(run(runId).samples, page);
  }

  private Run run(String id) {
    Run run = runs.get(id);
    if (run == null) {
      throw new NoSuchRunException(id);
    }
    return run;
  }
}
