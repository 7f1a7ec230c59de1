package org.c2lab.web.runs;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run's child process and what the scheduler knows of it: how much of its log has been read for
 * progress lines, whether a cancel was asked, when subscribers last heard of it. Guarded by the
 * service's lock.
 */
final class RunningChild {
  private static final Logger LOG = LoggerFactory.getLogger(RunningChild.class);

  final Process process;
  long logOffset;
  boolean cancelRequested;
  long lastNotify;
  boolean pending;

  RunningChild(Process process, long logOffset) {
    this.process = process;
    this.logOffset = logOffset;
  }

  /** The last progress line among the whole lines the log gained since the last call. */
  Optional<ProgressReport> readProgress(Path log) throws IOException {
    if (!Files.isRegularFile(log)) {
      return Optional.empty();
    }
    try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
      long size = f.length();
      if (size <= logOffset) {
        return Optional.empty();
      }
      byte[] bytes = new byte[Math.toIntExact(Math.min(size - logOffset, 1 << 24))];
      f.seek(logOffset);
      f.readFully(bytes);
      int end = bytes.length;
      while (end > 0 && bytes[end - 1] != '\n') {
        end--;
      }
      logOffset += end;
      String text = new String(bytes, 0, end, StandardCharsets.UTF_8);
      ProgressReport last = null;
      for (String line : text.split("\n")) {
        last = ProgressReport.parse(line).orElse(last);
      }
      return Optional.ofNullable(last);
    }
  }

  /** When a process started, to tell it from a later one that got the same pid. */
  static Optional<Long> startedMs(ProcessHandle h) {
    return h.info().startInstant().map(Instant::toEpochMilli);
  }

  /**
   * Stops the child a previous server left running for run {@code id}, if the process with that pid
   * is still the one it started (same start time): SIGTERM, so it keeps its completed work, then
   * SIGKILL after a minute.
   */
  static void stopLeftOver(String id, Long pid, Long startedMs) {
    if (pid == null || startedMs == null) {
      return;
    }
    ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .filter(h -> startedMs(h).equals(Optional.of(startedMs)))
        .ifPresent(
            h -> {
              LOG.warn("job queue: stopping run {} left over from before the restart", id);
              h.destroy();
              try {
                h.onExit().get(60, TimeUnit.SECONDS);
              } catch (Exception e) {
                h.destroyForcibly();
              }
            });
  }
}
