package org.c2lab.web.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.c2lab.core.job.Job;
import org.c2lab.core.job.JobCancelledException;
import org.c2lab.core.job.LocalJobContext;
import org.c2lab.core.job.Progress;

/**
 * Runs a long job for a command: a progress line on stderr (at most one a second, and the last),
 * and Ctrl-C / SIGTERM cancel the job, whose completed work is kept (the shutdown hook waits for it
 * to stop), so the same command with {@code --resume} continues.
 */
final class JobRunner {
  /** Exit code of a cancelled command, as a shell reports SIGINT. */
  static final int CANCELLED = 130;

  private JobRunner() {}

  /** The job's value, or null when it was cancelled (after telling the user how to resume). */
  static <R> R run(Job<?, R> job, LocalJobContext context, PrintWriter err) throws Exception {
    context.addListener(new ProgressLine(err));
    CountDownLatch finished = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              context.cancel();
              try {
                finished.await(10, TimeUnit.MINUTES); // let the job finish its current unit
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "c2-job-cancel");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      return job.run(context);
    } catch (JobCancelledException e) {
      err.println("cancelled: completed work is kept; rerun the command with --resume");
      err.flush();
      return null;
    } finally {
      finished.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the JVM is exiting; the hook is already running
      }
    }
  }

  /** {@code 120/640 (18.8%) ETA 0:03:12 message}. */
  private static final class ProgressLine implements org.c2lab.core.job.ProgressListener {
    private final PrintWriter err;
    private long lastPrint;

    ProgressLine(PrintWriter err) {
      this.err = err;
    }

    @Override
    public synchronized void onProgress(Progress p) {
      long now = System.nanoTime();
      boolean last = p.total() != Progress.UNKNOWN_TOTAL && p.done() == p.total();
      if (!last && now - lastPrint < 1_000_000_000L) {
        return;
      }
      lastPrint = now;
      StringBuilder s = new StringBuilder();
      if (p.total() == Progress.UNKNOWN_TOTAL) {
        s.append(p.done());
      } else {
        s.append(
            String.format(Locale.ROOT, "%d/%d (%.1f%%)", p.done(), p.total(), 100 * p.fraction()));
      }
      if (p.eta() != null) {
        s.append("  ETA ").append(format(p.eta()));
      }
      if (!p.message().isEmpty()) {
        s.append("  ").append(p.message());
      }
      err.println(s);
      err.flush();
    }

    private static String format(Duration d) {
      long seconds = d.toSeconds();
      return String.format(
          Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }
  }
}
