package org.c2lab.web.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import org.c2lab.train.training.ProgressReporter;
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
    StringBuilder s = new StringBuilder(ProgressReporter.summary(r));
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
