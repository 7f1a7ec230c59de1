package org.c2lab.train.training;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.c2lab.core.job.JobStatus;
import org.c2lab.core.metrics.MetricNames;
import org.c2lab.core.store.MetricPoint;
import org.c2lab.core.store.Page;
import org.c2lab.core.store.PageRequest;
import org.c2lab.core.store.RunStore;

/**
 * Mirrors every step's metrics into a {@link RunStore} run (created when absent) and keeps its
 * status: running, then succeeded or cancelled. A resumed run does not append steps the store
 * already holds.
 */
public final class RunStoreMetrics implements TrainingListener {
  private final RunStore store;
  private final String runId;
  private final String kind;
  private final String configJson;
  private long storedUpTo;

  /** Mirrors into run {@code runId} of {@code store}, created as {@code kind} with the config. */
  public RunStoreMetrics(RunStore store, String runId, String kind, String configJson) {
    this.store = Objects.requireNonNull(store, "store");
    this.runId = Objects.requireNonNull(runId, "runId");
    this.kind = Objects.requireNonNull(kind, "kind");
    this.configJson = Objects.requireNonNull(configJson, "configJson");
  }

  @Override
  public void onStart(long step, long totalSteps) {
    if (store.getRun(runId).isEmpty()) {
      store.createRun(runId, kind, configJson);
    }
    storedUpTo = 0;
    for (PageRequest page = PageRequest.first(PageRequest.MAX_LIMIT); ; page = page.next()) {
      Page<MetricPoint> p = store.metrics(runId, MetricNames.LOSS, page);
      p.items().forEach(m -> storedUpTo = Math.max(storedUpTo, m.step()));
      if (!p.hasMore()) {
        break;
      }
    }
    store.updateStatus(runId, JobStatus.RUNNING);
  }

  @Override
  public void onStep(StepReport report) {
    if (report.step() <= storedUpTo) {
      return;
    }
    Instant now = Instant.now();
    List<MetricPoint> points = new ArrayList<>();
    report
        .metrics()
        .forEach(
            (name, value) -> points.add(new MetricPoint(runId, report.step(), name, value, now)));
    store.appendMetrics(points);
  }

  @Override
  public void onStop(long step, boolean finished) {
    store.updateStatus(runId, finished ? JobStatus.SUCCEEDED : JobStatus.CANCELLED);
  }
}
