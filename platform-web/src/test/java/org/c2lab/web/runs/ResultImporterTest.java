package org.c2lab.web.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.c2lab.core.store.InMemoryRunStore;
import org.c2lab.core.store.PageRequest;
import org.c2lab.core.store.SampleRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Importing what children write: whole units only, accounted pairs only, each step once. */
class ResultImporterTest {
  @TempDir Path out;
  private final InMemoryRunStore store = new InMemoryRunStore();
  private final ResultImporter importer = new ResultImporter(store);

  private QueuedRun run(RunKind kind, Map<String, String> params) {
    store.createRun("run-1", kind.id(), "{}");
    return new QueuedRun("run-1", 1, "alice", "", kind, 0, "cpu", params, List.of(), Instant.now());
  }

  private static String sample(String request, int k, int path) {
    return "{\"request_id\":\""
        + request
        + "\",\"k\":"
        + k
        + ",\"path\":"
        + path
        + ",\"corrected\":true}";
  }

  private void append(Path file, String text) throws Exception {
    Files.writeString(
        file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  @Test
  void evalSamplesAreImportedByWholeUnitsAndATornLineWaits() throws Exception {
    QueuedRun r = run(RunKind.C2_EVAL, Map.of("samples", "2"));
    Path file = out.resolve("samples.jsonl");
    append(
        file,
        sample("a", 10, 0)
            + "\n"
            + sample("a", 10, 1)
            + "\n"
            + sample("a", 20, 0)
            + "\n{\"request_id\":\"a\",\"k\"");
    assertTrue(importer.importNew(r, out, false, false));
    assertEquals(2, r.samplesImported);
    assertEquals(
        List.of("a/k=10/path=0", "a/k=10/path=1"),
        store.samples("run-1", PageRequest.first(10)).items().stream()
            .map(SampleRecord::key)
            .toList());
    // the job, resuming, cuts the partial unit and writes it again whole
    long keep = Files.size(file) - (sample("a", 20, 0) + "\n{\"request_id\":\"a\",\"k\"").length();
    try (var ch = java.nio.channels.FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.truncate(keep);
    }
    append(file, sample("a", 20, 0) + "\n" + sample("a", 20, 1) + "\n");
    assertTrue(importer.importNew(r, out, false, false));
    assertFalse(importer.importNew(r, out, false, false), "nothing new");
    assertEquals(4, store.samples("run-1", PageRequest.first(10)).total());
    assertEquals(Files.size(file), r.samplesOffset);
  }

  @Test
  void aRestartAfterACrashBetweenAppendAndPositionRepairsThePosition() throws Exception {
    QueuedRun r = run(RunKind.C2_EVAL, Map.of("samples", "1"));
    append(out.resolve("samples.jsonl"), sample("a", 10, 0) + "\n" + sample("b", 10, 0) + "\n");
    importer.importNew(r, out, false, false);
    r.samplesImported = 0; // the position's update was lost
    r.samplesOffset = 0;
    importer.reconcile(r, out);
    assertFalse(importer.importNew(r, out, false, false));
    assertEquals(2, store.samples("run-1", PageRequest.first(10)).total());
  }

  @Test
  void trainingMetricsAreImportedOncePerStepAcrossARewrittenFile() throws Exception {
    QueuedRun r = run(RunKind.DPO, Map.of());
    Path file = out.resolve("metrics.jsonl");
    append(
        file,
        "{\"step\":1,\"loss\":0.7,\"rewards/margins\":0.1}\n{\"step\":2,\"loss\":0.6,\"rewards/margins\":0.2}\n");
    importer.importNew(r, out, false, false);
    // resumed from a checkpoint at step 1: the trainer rewrites the file and repeats step 2
    Files.writeString(
        file,
        "{\"step\":1,\"loss\":0.7,\"rewards/margins\":0.1}\n{\"step\":2,\"loss\":0.6,\"rewards/margins\":0.2}\n{\"step\":3,\"loss\":0.5,\"rewards/margins\":0.3}\n");
    importer.importNew(r, out, false, false);
    List<String> points =
        store.metrics("run-1", PageRequest.first(100)).items().stream()
            .map(m -> m.step() + " " + m.name() + " " + m.value())
            .toList();
    assertEquals(
        List.of(
            "1 loss 0.7",
            "1 rewards/margins 0.1",
            "2 loss 0.6",
            "2 rewards/margins 0.2",
            "3 loss 0.5",
            "3 rewards/margins 0.3"),
        points);
    r.metricsStep = -1;
    importer.reconcile(r, out);
    assertEquals(3, r.metricsStep);
  }

  @Test
  void synPairsAreImportedOnlyWhenTheProgressLogAccountsForThem() throws Exception {
    QueuedRun r = run(RunKind.C2_SYN, Map.of());
    Path pairs = out.resolve("pairs.jsonl");
    Path progress = out.resolve("pairs.jsonl.progress.jsonl");
    String pair =
        "{\"prompt\":\"p\",\"chosen\":\"c\",\"rejected\":\"r\",\"request_id\":\"a\",\"chosen_rank\":1,\"rejected_rank\":2}\n";
    append(pairs, pair + pair);
    append(progress, "");
    assertFalse(importer.importNew(r, out, false, false), "no request accounted yet");
    append(progress, "{\"request_id\":\"a\",\"pairs\":2,\"dropped\":null}\n");
    assertTrue(importer.importNew(r, out, false, false));
    assertEquals(2, store.samples("run-1", PageRequest.first(10)).total());
    assertEquals("a/1>2", store.samples("run-1", PageRequest.first(1)).items().get(0).key());
  }

  @Test
  void aSucceededEvalImportsCorrAtKWithBoundsAndProvenance() throws Exception {
    QueuedRun r = run(RunKind.C2_EVAL, Map.of());
    Files.writeString(
        out.resolve("summary.json"),
        "{\"metrics\":{\"corr@10\":0.5,\"corr_mean\":0.5},\"report\":{\"perK\":[{\"k\":10,"
            + "\"wilson95\":{\"lower\":0.2,\"upper\":0.8}}],\"corrMeanInterval\":{\"lower\":0.3,"
            + "\"upper\":0.7}},\"provenance\":{\"seed\":1}}");
    assertTrue(importer.importNew(r, out, true, true));
    assertTrue(r.summaryImported);
    assertEquals(
        List.of(
            "corr@10",
            "corr_mean",
            "corr@10/lower",
            "corr@10/upper",
            "corr_mean/lower",
            "corr_mean/upper"),
        store.metrics("run-1", PageRequest.first(10)).items().stream().map(m -> m.name()).toList());
    assertEquals("{\"seed\":1}", store.getRun("run-1").orElseThrow().provenanceJson());
    importer.importNew(r, out, true, true);
    assertEquals(6, store.metrics("run-1", PageRequest.first(10)).total(), "once");
  }
}
