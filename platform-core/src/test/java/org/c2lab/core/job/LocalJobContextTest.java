package org.c2lab.core.job;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.c2lab.core.provenance.Provenance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalJobContextTest {
  @TempDir Path root;

  private final MutableClock clock = new MutableClock(Instant.parse("2024-07-01T00:00:00Z"));

  private LocalJobContext context(String id) {
    return new LocalJobContext(id, root.resolve(id), clock, Provenance.builder().gitCommit("test"));
  }

  @Test
  void estimatesTimeLeftFromTheRateSinceTheFirstReport() {
    LocalJobContext ctx = context("eta");
    ctx.progress(100, 1000, "resumed"); // 100 units restored from a checkpoint
    clock.advance(Duration.ofSeconds(10));
    ctx.progress(200, 1000, "judging");

    Progress p = ctx.lastProgress().orElseThrow();
    // 100 units in 10 s -> 0.1 s per unit; 800 left -> 80 s. The restored 100 do not count.
    assertEquals(Duration.ofSeconds(80), p.eta());
    assertEquals(Duration.ofSeconds(10), p.elapsed());
    assertEquals(0.2, p.fraction());
    assertEquals("judging", p.message());
  }

  @Test
  void etaIsUnknownBeforeAnyMeasuredProgressOrWithoutATotal() {
    LocalJobContext ctx = context("unknown");
    ctx.progress(0, 50, "starting");
    assertNull(ctx.lastProgress().orElseThrow().eta());
    clock.advance(Duration.ofSeconds(1));
    ctx.progress(5, Progress.UNKNOWN_TOTAL, "streaming");
    assertNull(ctx.lastProgress().orElseThrow().eta());
    assertTrue(Double.isNaN(ctx.lastProgress().orElseThrow().fraction()));
    ctx.progress(50, 50, "done");
    assertEquals(Duration.ZERO, ctx.lastProgress().orElseThrow().eta());
  }

  @Test
  void notifiesListenersAndSurvivesABrokenOne() {
    LocalJobContext ctx = context("listeners");
    List<Progress> seen = new ArrayList<>();
    ctx.addListener(
        p -> {
          throw new IllegalStateException("terminal gone");
        });
    ctx.addListener(seen::add);
    assertDoesNotThrow(() -> ctx.progress(1, 2, "half"));
    assertEquals(1, seen.size());
    assertEquals("listeners", seen.get(0).jobId());
  }

  @Test
  void cancellationRaisesATypedException() {
    LocalJobContext ctx = context("cancel-me");
    assertDoesNotThrow(ctx::throwIfCancelled);
    ctx.cancel();
    assertTrue(ctx.isCancelled());
    JobCancelledException e = assertThrows(JobCancelledException.class, ctx::throwIfCancelled);
    assertEquals("cancel-me", e.jobId());
  }

  @Test
  void checkpointDirectoryIsCreatedAndPrivateToTheJob() {
    Path a = LocalJobContext.underRoot("job-a", root).checkpointDir();
    Path b = LocalJobContext.underRoot("job-b", root).checkpointDir();
    assertTrue(Files.isDirectory(a));
    assertNotEquals(a, b);
    assertEquals(a, LocalJobContext.underRoot("job-a", root).checkpointDir());
  }

  @Test
  void rejectsIdsThatAreNotSafeDirectoryNames() {
    for (String bad : List.of("", "../x", "a/b", ".hidden", "with space")) {
      assertThrows(IllegalArgumentException.class, () -> context(bad), bad);
    }
  }

  @Test
  void rejectsImpossibleProgress() {
    LocalJobContext ctx = context("bad-progress");
    assertThrows(IllegalArgumentException.class, () -> ctx.progress(11, 10, ""));
    assertThrows(IllegalArgumentException.class, () -> ctx.progress(-1, 10, ""));
    assertFalse(ctx.lastProgress().isPresent());
  }

  @Test
  void acceptsReportsFromManyThreads() throws InterruptedException {
    LocalJobContext ctx = context("parallel");
    AtomicInteger heard = new AtomicInteger();
    ctx.addListener(p -> heard.incrementAndGet());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    for (int i = 0; i < 400; i++) {
      int done = i;
      pool.execute(() -> ctx.progress(done, 400, "unit"));
    }
    pool.shutdown();
    assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    assertEquals(400, heard.get());
    assertTrue(ctx.lastProgress().isPresent());
  }
}
