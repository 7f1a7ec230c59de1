package org.c2lab.core.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.c2lab.core.provenance.Provenance;

/**
 * An in-process {@link JobContext} for the CLI and tests: progress goes to registered listeners,
 * {@link #cancel()} sets a flag the job polls, and checkpoints live in a given directory.
 * Thread-safe.
 */
public final class LocalJobContext implements JobContext {
  private static final System.Logger LOG = System.getLogger(LocalJobContext.class.getName());

  private final String jobId;
  private final Path checkpointDir;
  private final Clock clock;
  private final Provenance.Builder provenance;
  private final List<ProgressListener> listeners = new CopyOnWriteArrayList<>();
  private volatile boolean cancelled;

  // ETA baseline: the first report. Guarded by this.
  private Instant firstAt;
  private long firstDone;
  private Progress last;

  /** A context whose checkpoints live in {@code checkpointDir}. */
  public LocalJobContext(String jobId, Path checkpointDir) {
    this(jobId, checkpointDir, Clock.systemUTC(), Provenance.builder());
  }

  /** A context with an explicit clock (for tests) and provenance builder. */
  public LocalJobContext(
      String jobId, Path checkpointDir, Clock clock, Provenance.Builder provenance) {
    this.jobId = Job.checkId(jobId);
    this.checkpointDir = Objects.requireNonNull(checkpointDir, "checkpointDir");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.provenance = Objects.requireNonNull(provenance, "provenance");
  }

  /** A context for {@code jobId} under a runs root: checkpoints in {@code root/<id>/checkpoint}. */
  public static LocalJobContext underRoot(String jobId, Path runsRoot) {
    return new LocalJobContext(jobId, runsRoot.resolve(Job.checkId(jobId)).resolve("checkpoint"));
  }

  @Override
  public String jobId() {
    return jobId;
  }

  @Override
  public void progress(long done, long total, String message) {
    Progress p;
    synchronized (this) {
      Instant now = clock.instant();
      if (firstAt == null) {
        firstAt = now;
        firstDone = done;
      }
      Duration elapsed = Duration.between(firstAt, now);
      p = new Progress(jobId, done, total, message, now, elapsed, eta(done, total, elapsed));
      last = p;
    }
    for (ProgressListener listener : listeners) {
      try {
        listener.onProgress(p);
      } catch (RuntimeException e) {
        // A broken display must not fail a multi-hour job; the next report tries again.
        LOG.log(Level.WARNING, "progress listener failed for job " + jobId, e);
      }
    }
  }

  /** Remaining units divided by the rate since the first report; null while unmeasurable. */
  private Duration eta(long done, long total, Duration elapsed) {
    long measured = done - firstDone;
    if (total == Progress.UNKNOWN_TOTAL || measured <= 0 || elapsed.isZero()) {
      return total == done ? Duration.ZERO : null;
    }
    double nanosPerUnit = (double) elapsed.toNanos() / measured;
    return Duration.ofNanos(Math.round(nanosPerUnit * (total - done)));
  }

  @Override
  public synchronized Optional<Progress> lastProgress() {
    return Optional.ofNullable(last);
  }

  /** Asks the job to stop at its next check. */
  public void cancel() {
    cancelled = true;
  }

  @Override
  public boolean isCancelled() {
    return cancelled;
  }

  @Override
  public Path checkpointDir() {
    try {
      return Files.createDirectories(checkpointDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create checkpoint directory " + checkpointDir, e);
    }
  }

  @Override
  public Provenance.Builder provenance() {
    return provenance;
  }

  /** Adds a listener that receives every later report. */
  public void addListener(ProgressListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  public void removeListener(ProgressListener listener) {
    listeners.remove(listener);
  }
}
