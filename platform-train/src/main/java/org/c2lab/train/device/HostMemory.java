package org.c2lab.train.device;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The machine's physical memory, as the kernel counts it: {@code MemAvailable} of {@code
 * /proc/meminfo} (free memory plus what the page cache would give back), capped by a container's
 * memory limit when there is one (the JVM's operating-system bean sees cgroup limits). Without
 * {@code /proc/meminfo} (not Linux) the bean's free and total memory.
 */
public final class HostMemory {
  private static final Path MEMINFO = Path.of("/proc/meminfo");

  private HostMemory() {}

  /** The current status. */
  public static MemoryStatus status() {
    var bean =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long beanTotal = bean.getTotalMemorySize();
    long beanFree = bean.getFreeMemorySize();
    Optional<long[]> meminfo = meminfo(MEMINFO);
    if (meminfo.isEmpty()) {
      return new MemoryStatus(beanTotal, beanFree, "JVM operating-system bean");
    }
    long total = meminfo.get()[0];
    long available = meminfo.get()[1];
    if (beanTotal > 0 && beanTotal < total) {
      // A container limit below the host's memory: the bean reports limit and limit - usage.
      return new MemoryStatus(
          beanTotal, Math.min(available, beanFree), "container memory limit (cgroup)");
    }
    return new MemoryStatus(total, available, "/proc/meminfo MemAvailable");
  }

  /** {@code [MemTotal, MemAvailable]} in bytes, if the file has both. */
  static Optional<long[]> meminfo(Path file) {
    try {
      long total = -1;
      long available = -1;
      for (String line : Files.readAllLines(file)) {
        String[] f = line.trim().split("\\s+");
        if (f.length >= 2 && f[0].equals("MemTotal:")) {
          total = Long.parseLong(f[1]) * 1024;
        } else if (f.length >= 2 && f[0].equals("MemAvailable:")) {
          available = Long.parseLong(f[1]) * 1024;
        }
      }
      return total >= 0 && available >= 0
          ? Optional.of(new long[] {total, available})
          : Optional.empty();
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }
}
