package org.c2lab.eval.c2eval;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.c2lab.core.job.JobStatus;
import org.c2lab.core.store.MetricPoint;
import org.c2lab.core.store.Page;
import org.c2lab.core.store.PageRequest;
import org.c2lab.core.store.RunStore;
import org.c2lab.core.store.SampleRecord;
import org.c2lab.eval.checkpoint.UnitLog;

/**
 * Keeps a run's samples in a {@link RunStore} in step with {@code samples.jsonl}, which is the
 * checkpoint and therefore the source of truth. The store is written after the file, so after a
 * crash it may lack the last samples: {@link #open} appends what is missing. It never holds a
 * sample twice: samples it already has (e.g. after the file was cut back) are not appended again,
 * which is safe because a regenerated path is the same path (same key, same seed).
 */
final class StoreMirror {
  private static final int CHUNK = 1000;

  private final RunStore store;
  private final String runId;
  private Set<String> aheadOfFile = Set.of();

  StoreMirror(RunStore store, String runId) {
    this.store = store;
    this.runId = runId;
  }

  /** Creates the run if the store lacks it, then appends the samples of {@code log} it lacks. */
  void open(String kind, String configJson, UnitLog log) throws IOException {
    if (store.getRun(runId).isEmpty()) {
      store.createRun(runId, kind, configJson);
    }
    Set<String> stored = new HashSet<>();
    for (PageRequest page = PageRequest.first(PageRequest.MAX_LIMIT); ; page = page.next()) {
      Page<SampleRecord> p = store.samples(runId, page);
      p.items().forEach(s -> stored.add(s.key()));
      if (!p.hasMore()) {
        break;
      }
    }
    List<SampleRecord> missing = new ArrayList<>();
    log.forEach(
        line -> {
          String key = EvalSample.sampleKey(line).toString();
          if (!stored.remove(key)) {
            missing.add(new SampleRecord(runId, key, line.toString()));
            if (missing.size() == CHUNK) {
              store.appendSamples(List.copyOf(missing));
              missing.clear();
            }
          }
        });
    store.appendSamples(missing);
    aheadOfFile = stored; // what the store holds beyond the file
  }

  /** Appends samples just written to the file, skipping any the store already has. */
  void append(List<EvalSample> samples) {
    List<SampleRecord> records = new ArrayList<>(samples.size());
    for (EvalSample s : samples) {
      if (!aheadOfFile.remove(s.storeKey())) {
        records.add(new SampleRecord(runId, s.storeKey(), s.toJsonLine()));
      }
    }
    store.appendSamples(records);
  }

  void status(JobStatus status) {
    store.updateStatus(runId, status);
  }

  void provenance(String json) {
    store.updateProvenance(runId, json);
  }

  /** Records the final metrics once: a re-run of a finished job does not repeat them. */
  void finalMetrics(Map<String, Double> metrics, Instant at) {
    if (store.metrics(runId, PageRequest.first(1)).total() > 0) {
      return;
    }
    List<MetricPoint> points = new ArrayList<>();
    metrics.forEach((name, value) -> points.add(new MetricPoint(runId, 0, name, value, at)));
    store.appendMetrics(points);
  }
}
