package org.c2lab.eval.c2eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.c2lab.core.data.MalformedDataException;
import org.c2lab.core.job.JobResult;
import org.c2lab.core.job.JobStatus;
import org.c2lab.core.job.LocalJobContext;
import org.c2lab.core.job.Progress;
import org.c2lab.core.store.FileRunStore;
import org.c2lab.core.store.InMemoryRunStore;
import org.c2lab.core.store.PageRequest;
import org.c2lab.core.store.RunStore;
import org.c2lab.core.store.SampleRecord;
import org.c2lab.eval.checkpoint.ResumeMismatchException;
import org.c2lab.eval.testing.FictionalRows;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class C2EvalResumeTest {
  @TempDir Path tmp;
  private byte[] uninterrupted;

  @BeforeEach
  void runOnceWithoutInterruption() throws IOException {
    Path clean = tmp.resolve("clean");
    JobResult<C2EvalResult> r =
        EvalRuns.run(
            "clean",
            EvalRuns.config(clean).build(),
            EvalRuns.model(),
            new InMemoryRunStore(),
            EvalRuns.context("clean", tmp));
    assertEquals(JobStatus.SUCCEEDED, r.status());
    uninterrupted = EvalRuns.samples(clean);
  }

  @Test
  void aCancelledRunKeepsItsUnitsAndResumesToTheUninterruptedFiles() throws IOException {
    Path out = tmp.resolve("run");
    RunStore store = new InMemoryRunStore();
    LocalJobContext first = cancelAfter("run", 4);
    JobResult<C2EvalResult> stopped =
        EvalRuns.run("run", EvalRuns.config(out).build(), EvalRuns.model(), store, first);

    assertEquals(JobStatus.CANCELLED, stopped.status());
    JsonNode partial = EvalRuns.summary(out);
    assertFalse(partial.path("complete").asBoolean());
    assertEquals(4, partial.path("counts").path("units_done").asLong());
    assertEquals(12, partial.path("counts").path("samples").asLong());
    assertEquals(12, EvalRuns.sampleLines(out).size());
    assertEquals(12, storedKeys(store, "run").size());
    assertEquals(JobStatus.CANCELLED, store.getRun("run").orElseThrow().status());

    List<Progress> reports = new ArrayList<>();
    LocalJobContext second = EvalRuns.context("run", tmp);
    second.addListener(reports::add);
    JobResult<C2EvalResult> resumed =
        EvalRuns.run(
            "run", EvalRuns.config(out).batchUnits(5).build(), EvalRuns.model(), store, second);

    assertEquals(JobStatus.SUCCEEDED, resumed.status(), () -> String.valueOf(resumed.error()));
    assertEquals(4, reports.get(0).done(), "restored units count as done from the start");
    assertEquals(12, reports.get(0).total());
    assertArrayEquals(uninterrupted, EvalRuns.samples(out));
    assertTrue(EvalRuns.summary(out).path("complete").asBoolean());
    assertEquals(36, storedKeys(store, "run").size());
    assertEquals(36, store.samples("run", PageRequest.first(1000)).total(), "no duplicates");
  }

  @Test
  void aCrashThatTearsALineResumesWithoutLosingOrRepeatingSamples() throws IOException {
    Path out = tmp.resolve("crash");
    FileRunStore store = new FileRunStore(tmp.resolve("store"));
    EvalRuns.run("crash", EvalRuns.config(out).build(), EvalRuns.model(), store, ctx("crash"));
    Path samples = out.resolve(C2EvalJob.SAMPLES_FILE);
    truncate(samples, offsetOfLine(samples, 17) + 25); // mid-line, inside the 6th unit
    Files.delete(out.resolve(C2EvalJob.SUMMARY_FILE));

    JobResult<C2EvalResult> resumed =
        EvalRuns.run("crash", EvalRuns.config(out).build(), EvalRuns.model(), store, ctx("crash"));

    assertEquals(JobStatus.SUCCEEDED, resumed.status(), () -> String.valueOf(resumed.error()));
    assertArrayEquals(uninterrupted, EvalRuns.samples(out));
    assertEquals(36, store.samples("crash", PageRequest.first(1000)).total(), "no duplicates");
    assertEquals(36, storedKeys(store, "crash").size());
  }

  @Test
  void aPartialUnitAtTheEndIsDroppedAndRedone() throws IOException {
    Path out = tmp.resolve("partial");
    EvalRuns.run(
        "partial",
        EvalRuns.config(out).build(),
        EvalRuns.model(),
        new InMemoryRunStore(),
        ctx("partial"));
    Path samples = out.resolve(C2EvalJob.SAMPLES_FILE);
    truncate(samples, offsetOfLine(samples, 14)); // 4 whole units and one line of the 5th

    EvalRuns.run(
        "partial",
        EvalRuns.config(out).build(),
        EvalRuns.model(),
        new InMemoryRunStore(),
        ctx("partial"));

    assertArrayEquals(uninterrupted, EvalRuns.samples(out));
  }

  @Test
  void resumingWithSettingsThatChangeResultsFailsNamingEachDifference() throws IOException {
    Path out = tmp.resolve("mismatch");
    EvalRuns.run(
        "mismatch",
        EvalRuns.config(out).build(),
        EvalRuns.model(),
        new InMemoryRunStore(),
        cancelAfter("mismatch", 2));
    byte[] before = EvalRuns.samples(out);

    JobResult<C2EvalResult> r =
        EvalRuns.run(
            "mismatch",
            EvalRuns.config(out).seed(8).samplesPerK(4).build(),
            EvalRuns.model(),
            new InMemoryRunStore(),
            ctx("mismatch"));

    assertEquals(JobStatus.FAILED, r.status());
    ResumeMismatchException e = assertInstanceOf(ResumeMismatchException.class, r.error());
    assertTrue(e.getMessage().contains("seed: 7 before, 8 now"), e.getMessage());
    assertTrue(e.getMessage().contains("samples_per_k: 3 before, 4 now"), e.getMessage());
    assertEquals(2, e.differences().size());
    assertArrayEquals(before, EvalRuns.samples(out), "nothing written is touched");
  }

  @Test
  void malformedDataFailsWithFileLineAndFieldAndKeepsWhatWasWritten() throws IOException {
    Path data = tmp.resolve("data.jsonl");
    Files.copy(EvalRuns.demoData(), data);
    Path out = tmp.resolve("bad");
    EvalRuns.run(
        "bad",
        C2EvalConfig.builder(data, out, EvalRuns.MODEL)
            .limit(3)
            .kValues(List.of(10))
            .samplesPerK(2)
            .build(),
        EvalRuns.model(),
        new InMemoryRunStore(),
        cancelAfter("bad", 1));
    byte[] before = EvalRuns.samples(out);
    List<String> lines = new ArrayList<>(Files.readAllLines(data));
    lines.set(
        1, lines.get(1).replace("\"is_response_0_safe\": false", "\"is_response_0_safe\": \"no\""));
    Files.write(data, lines);

    JobResult<C2EvalResult> r =
        EvalRuns.run(
            "bad",
            C2EvalConfig.builder(data, out, EvalRuns.MODEL)
                .limit(3)
                .kValues(List.of(10))
                .samplesPerK(2)
                .build(),
            EvalRuns.model(),
            new InMemoryRunStore(),
            ctx("bad"));

    assertEquals(JobStatus.FAILED, r.status());
    MalformedDataException e = assertInstanceOf(MalformedDataException.class, r.error());
    assertEquals("data.jsonl:2: is_response_0_safe: expected boolean, got \"no\"", e.getMessage());
    assertArrayEquals(before, EvalRuns.samples(out));
  }

  @Test
  void aFreshRunOnMalformedDataWritesNothing() throws IOException {
    Path data =
        FictionalRows.write(
            tmp.resolve("broken.jsonl"),
            List.of(
                FictionalRows.row(
                    "How do I nap at work?", "Hide under the desk.", "Ask for a break."),
                "{\"prompt\": \"What now?\""));
    Path out = tmp.resolve("nothing");
    JobResult<C2EvalResult> r =
        EvalRuns.run(
            "nothing",
            C2EvalConfig.builder(data, out, EvalRuns.MODEL).samplesPerK(1).build(),
            EvalRuns.model(),
            new InMemoryRunStore(),
            ctx("nothing"));
    MalformedDataException e = assertInstanceOf(MalformedDataException.class, r.error());
    assertTrue(e.getMessage().startsWith("broken.jsonl:2: <json>: invalid JSON"), e.getMessage());
    assertFalse(C2EvalJob.hasRun(out));
  }

  @Test
  void aDamagedLineInsideTheSamplesFileIsRefusedNotRepaired() throws IOException {
    Path out = tmp.resolve("damaged");
    EvalRuns.run(
        "damaged",
        EvalRuns.config(out).build(),
        EvalRuns.model(),
        new InMemoryRunStore(),
        ctx("damaged"));
    Path samples = out.resolve(C2EvalJob.SAMPLES_FILE);
    List<String> lines = new ArrayList<>(Files.readAllLines(samples));
    lines.set(4, "{not json");
    Files.write(samples, lines);

    JobResult<C2EvalResult> r =
        EvalRuns.run(
            "damaged",
            EvalRuns.config(out).build(),
            EvalRuns.model(),
            new InMemoryRunStore(),
            ctx("damaged"));
    MalformedDataException e = assertInstanceOf(MalformedDataException.class, r.error());
    assertTrue(e.getMessage().startsWith("samples.jsonl:5: <json>: invalid JSON"), e.getMessage());
  }

  @Test
  void reRunningAFinishedRunChangesNothingAndRecordsItsMetricsOnce() throws IOException {
    Path out = tmp.resolve("twice");
    RunStore store = new InMemoryRunStore();
    EvalRuns.run("twice", EvalRuns.config(out).build(), EvalRuns.model(), store, ctx("twice"));
    JobResult<C2EvalResult> again =
        EvalRuns.run("twice", EvalRuns.config(out).build(), EvalRuns.model(), store, ctx("twice"));

    assertEquals(JobStatus.SUCCEEDED, again.status());
    assertArrayEquals(uninterrupted, EvalRuns.samples(out));
    assertEquals(36, store.samples("twice", PageRequest.first(1000)).total());
    assertEquals(4, store.metrics("twice", PageRequest.first(100)).total());
  }

  private LocalJobContext ctx(String id) {
    return EvalRuns.context(id, tmp);
  }

  /** A context that asks the job to stop once {@code units} units are done. */
  private LocalJobContext cancelAfter(String id, long units) {
    LocalJobContext ctx = ctx(id);
    ctx.addListener(
        p -> {
          if (p.done() >= units) {
            ctx.cancel();
          }
        });
    return ctx;
  }

  private static HashSet<String> storedKeys(RunStore store, String run) {
    return new HashSet<>(
        store.samples(run, PageRequest.first(1000)).items().stream()
            .map(SampleRecord::key)
            .toList());
  }

  /** Byte offset where 1-based line {@code n} starts. */
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
