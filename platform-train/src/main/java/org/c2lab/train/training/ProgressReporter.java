package org.c2lab.train.training;

import java.util.Locale;
import java.util.Objects;
import org.c2lab.core.job.JobContext;
import org.c2lab.core.metrics.MetricNames;

/**
 * Reports each step to the {@link JobContext} (which measures the ETA) with a one-line summary:
 * {@code step 12/40 loss 0.6712 margins 0.0431 acc 0.75 lr 4.5e-05 312 tok/s}.
 */
public final class ProgressReporter implements TrainingListener {
  private final JobContext context;

  /** Reports to {@code context}. */
  public ProgressReporter(JobContext context) {
    this.context = Objects.requireNonNull(context, "context");
  }

  @Override
  public void onStart(long step, long totalSteps) {
    context.progress(step, totalSteps, step == 0 ? "starting" : "resuming at step " + step);
  }

  @Override
  public void onStep(StepReport r) {
    context.progress(r.step(), r.totalSteps(), summary(r));
  }

  /**
   * The step's one-line summary, as the run's progress message and the command line's progress line
   * show it: {@code step 12/40 loss 0.6712 margins 0.0431 acc 0.75 lr 4.5e-05 312 tok/s} (margins
   * and accuracy for DPO only).
   */
  public static String summary(StepReport r) {
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
    return s.toString();
  }
}
