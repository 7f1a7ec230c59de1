package org.c2lab.web.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.c2lab.web.runs.RunView;

/** How the dashboard writes times, durations and progress. */
final class Formats {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

  private Formats() {}

  /** {@code 2026-01-02 13:04:05} in the server's zone, or empty. */
  static String time(Instant at) {
    return at == null ? "" : TIME.format(at);
  }

  /** {@code 1h 02m}, {@code 3m 07s}, {@code 12s}, or empty for null. */
  static String duration(Duration d) {
    if (d == null) {
      return "";
    }
    long s = Math.max(0, d.toSeconds());
    if (s >= 3600) {
      return String.format(Locale.ROOT, "%dh %02dm", s / 3600, (s % 3600) / 60);
    }
    if (s >= 60) {
      return String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
    }
    return s + "s";
  }

  /** Fraction done in [0, 1], or -1 when the total is unknown. */
  static double fraction(RunView run) {
    if (run.total() <= 0) {
      return -1;
    }
    return Math.min(1.0, Math.max(0.0, (double) run.done() / run.total()));
  }

  /** {@code 12/40 · ETA 3m 07s}, what a progress bar's caption says. */
  static String progress(RunView run) {
    String counts = run.total() > 0 ? run.done() + "/" + run.total() : run.done() + " done";
    String eta = run.eta() == null ? "" : " · ETA " + duration(run.eta());
    return counts + eta;
  }

  /** A run's label: its name, else its id. */
  static String label(RunView run) {
    return run.name().isBlank() ? run.id() : run.name();
  }

  /** A 3-decimal number, or {@code –} for NaN. */
  static String number(double x) {
    return Double.isNaN(x) ? "–" : String.format(Locale.ROOT, "%.3f", x);
  }

  /**
   * A parameter count as people write it: {@code 6.7B}, {@code 12.3M}, {@code 45.0K}, {@code 812},
   * or empty when unknown.
   */
  static String parameters(Long count) {
    if (count == null || count < 0) {
      return "";
    }
    if (count >= 1_000_000_000L) {
      return String.format(Locale.ROOT, "%.1fB", count / 1e9);
    }
    if (count >= 1_000_000L) {
      return String.format(Locale.ROOT, "%.1fM", count / 1e6);
    }
    if (count >= 1_000L) {
      return String.format(Locale.ROOT, "%.1fK", count / 1e3);
    }
    return Long.toString(count);
  }

  /**
   * A size on disk: {@code 13.5 GB}, {@code 3.4 MB}, {@code 1.2 kB}, {@code 512 B}; empty for null.
   */
  static String bytes(Long bytes) {
    if (bytes == null || bytes < 0) {
      return "";
    }
    if (bytes >= 1L << 30) {
      return String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30));
    }
    if (bytes >= 1L << 20) {
      return String.format(Locale.ROOT, "%.1f MB", bytes / (double) (1L << 20));
    }
    if (bytes >= 1L << 10) {
      return String.format(Locale.ROOT, "%.1f kB", bytes / 1024.0);
    }
    return bytes + " B";
  }

  /**
   * The first 12 hex digits of a hash and an ellipsis, or the hash when shorter; empty for null.
   */
  static String shortHash(String hash) {
    if (hash == null) {
      return "";
    }
    return hash.length() > 12 ? hash.substring(0, 12) + "…" : hash;
  }
}
