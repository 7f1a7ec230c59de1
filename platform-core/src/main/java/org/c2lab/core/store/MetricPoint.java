package org.c2lab.core.store;

import java.time.Instant;
import java.util.Objects;
import org.c2lab.core.job.Job;

/**
 * One value of a metric series, e.g. {@code loss} at training step 120 or {@code corr@10} at the
 * end of an evaluation. Non-finite values are allowed: a diverging loss is worth recording.
 *
 * @param runId the run
 * @param step the step (training step, or 0 for one-off results), >= 0
 * @param name the metric name, see {@code org.c2lab.core.metrics.MetricNames}
 * @param value the value
 * @param time when it was measured
 */
public record MetricPoint(String runId, long step, String name, double value, Instant time) {
  public MetricPoint {
    Job.checkId(runId);
    if (step < 0) {
      throw new IllegalArgumentException("step must be >= 0, was " + step);
    }
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("metric name must not be blank");
    }
    Objects.requireNonNull(time, "time");
  }
}
