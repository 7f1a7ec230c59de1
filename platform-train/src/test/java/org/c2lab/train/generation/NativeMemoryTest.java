package org.c2lab.train.generation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * 10,000 decoding steps of the batched sampler do not grow the resident memory. The loop runs in a
 * child JVM with a fixed 64 MB heap touched up front ({@code -XX:+AlwaysPreTouch}), so that its
 * resident size moves only with native memory: in this JVM the heap's first use of its pages would
 * look like growth. For scale, dropping the sampler's per-step NDScope leaks about 5 KB per step
 * (50 MB over the run).
 */
class NativeMemoryTest {
  private static final int WARM_UP_STEPS = 1_000;
  private static final int STEPS = 10_000;
  private static final long MAX_GROWTH_KB = 16 * 1024;

  @Test
  void tenThousandDecodingStepsDoNotGrowResidentMemory() throws Exception {
    Assumptions.assumeTrue(Files.exists(Path.of("/proc/self/status")), "needs Linux /proc");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder child =
        new ProcessBuilder(
            List.of(
                java.toString(),
                "-Xms64m",
                "-Xmx64m",
                "-XX:+AlwaysPreTouch",
                "-XX:TieredStopAtLevel=1",
                "-Dai.djl.offline=true",
                "-cp",
                System.getProperty("java.class.path"),
                NativeMemoryProbe.class.getName(),
                String.valueOf(WARM_UP_STEPS),
                String.valueOf(STEPS)));
    // One native thread: a tiny model gains nothing from two, and an OpenMP pool that spins on a
    // busy shared machine makes the run many times slower.
    child.environment().put("OMP_NUM_THREADS", "1");
    Process p = child.redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), "probe did not finish");
    assertEquals(0, p.exitValue(), out);
    String line =
        out.lines().filter(l -> l.startsWith("rss-kb ")).findFirst().orElseThrow(() -> fail(out));
    String[] kb = line.split(" ");
    long warm = Long.parseLong(kb[1]);
    long end = Long.parseLong(kb[2]);
    assertTrue(
        end - warm < MAX_GROWTH_KB,
        "resident memory grew by " + (end - warm) + " kB over " + STEPS + " steps (" + line + ")");
  }

  private static IOException fail(String output) {
    return new IOException("the probe printed no rss-kb line:\n" + output);
  }
}
