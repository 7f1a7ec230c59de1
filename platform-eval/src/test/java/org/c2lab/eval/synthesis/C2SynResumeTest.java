package org.c2lab.eval.synthesis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.c2lab.core.job.JobResult;
import org.c2lab.core.job.JobStatus;
import org.c2lab.core.job.LocalJobContext;
import org.c2lab.core.model.BigramLanguageModel;
import org.c2lab.core.model.LanguageModel;
import org.c2lab.eval.checkpoint.ResumeMismatchException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class C2SynResumeTest {
  @TempDir Path tmp;
  private Path data;
  private C2SynConfig clean;

  @BeforeEach
  void runOnceWithoutInterruption() throws IOException {
    data = SynRuns.data(tmp);
    clean = SynRuns.config(data, tmp.resolve("clean.jsonl")).build();
    assertEquals(JobStatus.SUCCEEDED, run("clean", clean, SynRuns.model(), ctx("clean")).status());
  }

  @Test
  void aCancelledRunResumesToTheUninterruptedFiles() throws IOException {
    C2SynConfig config = SynRuns.config(data, tmp.resolve("run.jsonl")).build();
    JobResult<C2SynResult> stopped = run("run", config, SynRuns.model(), cancelAfter("run", 4));

    assertEquals(JobStatus.CANCELLED, stopped.status());
    assertEquals(60, SynRuns.pairs(config.out()).size(), "the pairs of 4 requests are kept");
    assertFalse(SynRuns.stats(config).path("complete").asBoolean());
    assertEquals(60, SynRuns.stats(config).path("pairs_written").asLong());

    C2SynConfig resumedConfig =
        SynRuns.config(data, tmp.resolve("run.jsonl")).batchRequests(3).build();
    JobResult<C2SynResult> resumed = run("run", resumedConfig, SynRuns.model(), ctx("run"));

    assertEquals(JobStatus.SUCCEEDED, resumed.status(), () -> String.valueOf(resumed.error()));
    assertSameFiles(config);
  }

  @Test
  void aCrashInsideARequestsPairsCutsBackToTheLastWholeRequest() throws IOException {
    C2SynConfig config = SynRuns.config(data, tmp.resolve("crash.jsonl")).build();
    run("crash", config, SynRuns.model(), ctx("crash"));
    truncate(config.out(), offsetOfLine(config.out(), 20) + 10); // torn, inside request 2
    Files.delete(config.beside(C2SynJob.STATS_SUFFIX));

    JobResult<C2SynResult> resumed = run("crash", config, SynRuns.model(), ctx("crash"));

    assertEquals(JobStatus.SUCCEEDED, resumed.status(), () -> String.valueOf(resumed.error()));
    assertSameFiles(config);
  }

  @Test
  void pairsWrittenAfterTheLastCheckpointLineAreDroppedAndRedone() throws IOException {
    C2SynConfig config = SynRuns.config(data, tmp.resolve("ahead.jsonl")).build();
    run("ahead", config, SynRuns.model(), ctx("ahead"));
    Path progress = config.beside(C2SynJob.PROGRESS_SUFFIX);
    List<String> lines = Files.readAllLines(progress);
    // The last request's pairs are on disk but its checkpoint line was torn by the crash.
    String torn = lines.get(lines.size() - 1).substring(0, 12);
    Files.writeString(
        progress, String.join("\n", lines.subList(0, lines.size() - 1)) + "\n" + torn);

    JobResult<C2SynResult> resumed = run("ahead", config, SynRuns.model(), ctx("ahead"));

    assertEquals(JobStatus.SUCCEEDED, resumed.status(), () -> String.valueOf(resumed.error()));
    assertSameFiles(config);
  }

  @Test
  void requestsWithoutPairsAreNotRedoneOnResume() throws IOException {
    LanguageModel silent = new BigramLanguageModel(SynRuns.SILENT_CORPUS);
    C2SynConfig whole = SynRuns.config(data, tmp.resolve("silent-clean.jsonl")).build();
    run("silent-clean", whole, silent, ctx("silent-clean"));
    C2SynConfig config = SynRuns.config(data, tmp.resolve("silent.jsonl")).build();
    run("silent", config, silent, cancelAfter("silent", 4));

    JobResult<C2SynResult> resumed = run("silent", config, silent, ctx("silent"));

    assertEquals(8, resumed.value().requestsProcessed());
    assertEquals(
        Files.readString(whole.beside(C2SynJob.PROGRESS_SUFFIX)),
        Files.readString(config.beside(C2SynJob.PROGRESS_SUFFIX)));
  }

  @Test
  void resumingWithAnotherSeedFailsAndKeepsThePairs() throws IOException {
    C2SynConfig config = SynRuns.config(data, tmp.resolve("seed.jsonl")).build();
    run("seed", config, SynRuns.model(), cancelAfter("seed", 2));
    byte[] before = Files.readAllBytes(config.out());

    JobResult<C2SynResult> r =
        run(
            "seed",
            SynRuns.config(data, tmp.resolve("seed.jsonl")).seed(4).build(),
            SynRuns.model(),
            ctx("seed"));

    ResumeMismatchException e = assertInstanceOf(ResumeMismatchException.class, r.error());
    assertTrue(e.getMessage().contains("seed: 3 before, 4 now"), e.getMessage());
    assertArrayEquals(before, Files.readAllBytes(config.out()));
  }

  private void assertSameFiles(C2SynConfig config) throws IOException {
    assertArrayEquals(Files.readAllBytes(clean.out()), Files.readAllBytes(config.out()));
    for (String suffix : List.of(C2SynJob.PROGRESS_SUFFIX, C2SynJob.STATS_SUFFIX)) {
      assertEquals(
          Files.readString(clean.beside(suffix)), Files.readString(config.beside(suffix)), suffix);
    }
  }

  private static JobResult<C2SynResult> run(
      String id, C2SynConfig config, LanguageModel model, LocalJobContext ctx) {
    return SynRuns.run(id, config, model, ctx);
  }

  private LocalJobContext ctx(String id) {
    return LocalJobContext.underRoot(id, tmp.resolve("runs"));
  }

  private LocalJobContext cancelAfter(String id, long requests) {
    LocalJobContext ctx = ctx(id);
    ctx.addListener(
        p -> {
          if (p.done() >= requests) {
            ctx.cancel();
          }
        });
    return ctx;
  }

  private static long offsetOfLine(Path file, int n) throws IOException {
    long offset = 0;
    List<String> lines = Files.readAllLines(file);
    for (int i = 0; i < n - 1; i++) {
      offset += lines.get(i).getBytes(StandardCharsets.UTF_8).length + 1;
    }
    return offset;
  }

  private static void truncate(Path file, long size) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.truncate(size);
    }
  }
}
