package org.c2lab.web.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;
import org.c2lab.core.job.Job;
import org.c2lab.core.job.LocalJobContext;
import org.c2lab.train.finetune.TrainingResult;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Runs a training job for a command through {@link JobExecution} (Ctrl-C checkpoints before the JVM
 * exits; progress lines and the parent watch for the lab server), then prints the result as a table
 * or {@code --json}.
 */
final class TrainRunner {
  private TrainRunner() {}

  /** What {@code --json} prints. */
  record Summary(
      String kind,
      String runId,
      String out,
      String model,
      long steps,
      long resumedAt,
      int examples,
      int truncated,
      Map<String, Double> lastMetrics,
      String metricsLog) {}

  static int run(Job<?, TrainingResult> job, TrainingOptions options, CommandSpec spec)
      throws Exception {
    LocalJobContext context = LocalJobContext.underRoot(job.id(), options.runs.toAbsolutePath());
    TrainingResult r =
        JobExecution.run(
            job,
            context,
            spec.commandLine().getErr(),
            "cancelled: checkpoint saved; rerun with --resume");
    if (r == null) {
      return JobExecution.CANCELLED;
    }
    Summary s =
        new Summary(
            job.kind(),
            job.id(),
            options.out.toString(),
            r.model().toString(),
            r.steps(),
            r.resumedAt(),
            r.examples(),
            r.truncated(),
            new TreeMap<>(r.lastMetrics()),
            r.metricsLog().toString());
    PrintWriter w = spec.commandLine().getOut();
    if (options.json) {
      JsonOutput.print(w, s);
      return 0;
    }
    w.printf("run        %s (%s)%n", s.runId(), s.kind());
    w.printf(
        "steps      %d%s%n",
        s.steps(), s.resumedAt() > 0 ? " (resumed at " + s.resumedAt() + ")" : "");
    w.printf("examples   %d (%d truncated)%n", s.examples(), s.truncated());
    s.lastMetrics().forEach((k, v) -> w.printf("%-26s %.6g%n", k, v));
    w.printf("model      %s%n", s.model());
    w.printf("metrics    %s%n", s.metricsLog());
    w.flush();
    return 0;
  }
}
