package org.c2lab.web.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.c2lab.core.job.Job;
import org.c2lab.core.job.JobCancelledException;
import org.c2lab.core.job.LocalJobContext;
import org.c2lab.core.job.Progress;
import org.c2lab.core.job.ProgressListener;
import org.c2lab.web.runs.ProgressReport;

/**
 * What every long command ({@code eval c2}, {@code syn}, {@code train dpo|sft}) does around its
 * job: Ctrl-C / SIGTERM cancel it and the shutdown hook waits until it has kept its completed work
 * (so the same command with {@code --resume} continues); with {@code C2_PROGRESS=json} it prints
 * machine-readable {@link ProgressReport} lines on stderr for the lab server's queue; with {@code
 * C2_PARENT_PID} it cancels itself the same way when that process is gone, so a run never outlives
 * the server that launched it.
 */
final class JobExecution {
  /** Exit code of a cancelled command, as a shell reports SIGINT. */
  static final int CANCELLED = 130;

  private static final long JSON_INTERVAL_NANOS = 250_000_000L;
  private static final long PARENT_POLL_MILLIS = 500;

  private JobExecution() {}

  /**
   * Runs {@code job}; returns its value, or null when it was cancelled, after printing {@code
   * cancelledMessage}.
   */
  static <R> R run(Job<?, R> job, LocalJobContext context, PrintWriter err, String cancelledMessage)
      throws Exception {
    if (ProgressReport.JSON_MODE.equals(System.getenv(ProgressReport.ENV))) {
      context.addListener(new JsonProgress(err));
    }
    CountDownLatch finished = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              context.cancel();
              try {
                finished.await(10, TimeUnit.MINUTES); // let the job keep its current unit
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "c2-job-cancel");
    Runtime.getRuntime().addShutdownHook(hook);
    Thread watcher = parentWatcher(context, err).orElse(null);
    try {
      return job.run(context);
    } catch (JobCancelledException e) {
      err.println(cancelledMessage);
      err.flush();
      return null;
    } finally {
      finished.countDown();
      if (watcher != null) {
        watcher.interrupt();
      }
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the JVM is exiting; the hook is already running
      }
    }
  }

  /** {@code h:mm:ss}. */
  static String clock(Duration d) {
    long seconds = d.toSeconds();
    return String.format(
        Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
  }

  /** A daemon thread cancelling the job once the process in {@code C2_PARENT_PID} is gone. */
  private static Optional<Thread> parentWatcher(LocalJobContext context, PrintWriter err) {
    String pid = System.getenv(ProgressReport.PARENT_PID_ENV);
    if (pid == null || pid.isBlank()) {
      return Optional.empty();
    }
    long parent;
    try {
      parent = Long.parseLong(pid.trim());
    } catch (NumberFormatException e) {
      err.println("warning: ignoring " + ProgressReport.PARENT_PID_ENV + "=" + pid);
      return Optional.empty();
    }
    Thread t =
        new Thread(
            () -> {
              try {
                while (ProcessHandle.of(parent).map(ProcessHandle::isAlive).orElse(false)) {
                  Thread.sleep(PARENT_POLL_MILLIS);
                }
                err.println("the launching process " + parent + " is gone: cancelling");
                err.flush();
                context.cancel();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the job ended first
              }
            },
            "c2-parent-watch");
    t.setDaemon(true);
    t.start();
    return Optional.of(t);
  }

  /** {@link ProgressReport} lines, at most four a second and always the last. */
  private static final class JsonProgress implements ProgressListener {
    private final PrintWriter err;
    private long lastPrint = System.nanoTime() - JSON_INTERVAL_NANOS;

    JsonProgress(PrintWriter err) {
      this.err = err;
    }

    @Override
    public synchronized void onProgress(Progress p) {
      long now = System.nanoTime();
      boolean last = p.total() != Progress.UNKNOWN_TOTAL && p.done() == p.total();
      if (!last && now - lastPrint < JSON_INTERVAL_NANOS) {
        return;
      }
      lastPrint = now;
      err.println(ProgressReport.of(p).toLine());
      err.flush();
    }
  }
}
