package org.c2lab.train.device;

import java.util.Locale;
import java.util.Objects;

/**
 * How much memory a device has and how much of it is free for a new model now.
 *
 * @param totalBytes the device's (or the container's) memory
 * @param availableBytes what a new allocation can still get without swapping or failing
 * @param source where the numbers come from, e.g. {@code /proc/meminfo MemAvailable}
 */
public record MemoryStatus(long totalBytes, long availableBytes, String source) {
  public MemoryStatus {
    Objects.requireNonNull(source, "source");
    if (totalBytes < 0 || availableBytes < 0) {
      throw new IllegalArgumentException(
          "memory sizes must not be negative: " + totalBytes + ", " + availableBytes);
    }
  }

  /** Bytes with one decimal in GiB, MiB or KiB, whichever keeps the number at least 1. */
  public static String format(long bytes) {
    if (bytes >= 1L << 30) {
      return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
    }
    if (bytes >= 1L << 20) {
      return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
    }
    return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
  }
}
