package org.c2lab.web.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import org.c2lab.core.metrics.MetricNames;
import org.c2lab.train.training.StepReport;
import org.c2lab.train.training.TrainingListener;

/**
 * The progress line on stderr: {@code step 12/40 loss 0.6712 margins 0.043 acc 0.75 lr 4.5e-05 312
 * tok/s ETA 0:01:23}, at most one a second (and always the last), the ETA from the steps run since
 * this invocation started.
 */
final class TrainProgress implements TrainingListener {
  private final PrintWriter err;
  private long startStep;
  private long startNanos;
  private long lastPrint;

  TrainProgress(PrintWriter err) {
    this.err = err;
  }

  @Override
  public void onStart(long step, long totalSteps) {
    startStep = step;
    startNanos = System.nanoTime();
    err.printf(
        Locale.ROOT,
        "%s at step %d of %d%n",
        step == 0 ? "training" : "resuming",
        step,
        totalSteps);
    err.flush();
  }

  @Override
  public void onStep(StepReport r) {
    long now = System.nanoTime();
    if (r.step() < r.totalSteps() && now - lastPrint < 1_000_000_000L) {
      return;
    }
    lastPrint = now;
    StringBuilder s = new StringBuilder();
    s.append(
        String.format(
            Locale.ROOT,
            "step %d/%d  loss %.4f",
            r.step(),
            r.totalSteps(),
            r.metric(MetricNames.LOSS)));
    if (r.metrics().containsKey(MetricNames.REWARDS_MARGINS)) {
      s.append(
          String.format(
              Locale.ROOT,
              "  margins %.4f  acc %.2f",
              r.metric(MetricNames.REWARDS_MARGINS),
              r.metric(MetricNames.REWARDS_ACCURACIES)));
    }
    s.append(
        String.format(
            Locale.ROOT,
            "  lr %.2e  %.0f tok/s",
            r.metric(MetricNames.LEARNING_RATE),
            r.metric(MetricNames.TOKENS_PER_SECOND)));
    long done = r.step() - startStep;
    double perStep = (now - startNanos) / 1e9 / Math.max(1, done);
    s.append("  ETA ")
        .append(
            JobExecution.clock(
                Duration.ofMillis((long) (perStep * (r.totalSteps() - r.step()) * 1000))));
    err.println(s);
    err.flush();
  }
}
