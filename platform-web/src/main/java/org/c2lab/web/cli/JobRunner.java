package org.c2lab.web.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.c2lab.core.job.Job;
import org.c2lab.core.job.LocalJobContext;
import org.c2lab.core.job.Progress;

/**
 * Runs a long job for a command: a progress line on stderr (at most one a second, and the last),
 * around {@link JobExecution} (Ctrl-C keeps completed work; machine-readable progress and the
 * parent watch for the lab server).
 */
final class JobRunner {
  /** Exit code of a cancelled command, as a shell reports SIGINT. */
  static final int CANCELLED = JobExecution.CANCELLED;

  private JobRunner() {}

  /** The job's value, or null when it was cancelled (after telling the user how to resume). */
  static <R> R run(Job<?, R> job, LocalJobContext context, PrintWriter err) throws Exception {
    context.addListener(new ProgressLine(err));
    return JobExecution.run(
        job, context, err, "cancelled: completed work is kept; rerun the command with --resume");
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
        s.append("  ETA ").append(JobExecution.clock(p.eta()));
      }
      if (!p.message().isEmpty()) {
        s.append("  ").append(p.message());
      }
      err.println(s);
      err.flush();
    }
  }
}
