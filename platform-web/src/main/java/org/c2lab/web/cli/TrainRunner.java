package org.c2lab.web.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.c2lab.core.job.Job;
import org.c2lab.core.job.JobCancelledException;
import org.c2lab.core.job.LocalJobContext;
import org.c2lab.train.finetune.TrainingResult;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Runs a training job for a command: Ctrl-C cancels it, which checkpoints before the JVM exits (the
 * shutdown hook waits for that), then prints the result as a table or {@code --json}.
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
    CountDownLatch finished = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              context.cancel();
              try {
                finished.await(10, TimeUnit.MINUTES); // let the cancelled step checkpoint
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "c2-train-cancel");
    Runtime.getRuntime().addShutdownHook(hook);
    TrainingResult r;
    try {
      r = job.run(context);
    } catch (JobCancelledException e) {
      spec.commandLine().getErr().println("cancelled: checkpoint saved; rerun with --resume");
      return 130;
    } finally {
      finished.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the JVM is exiting; the hook is already running
      }
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
