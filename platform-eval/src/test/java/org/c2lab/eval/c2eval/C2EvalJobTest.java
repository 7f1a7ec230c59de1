package org.c2lab.eval.c2eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.c2lab.core.data.JudgedSampleReader;
import org.c2lab.core.data.RecordStream;
import org.c2lab.core.job.JobResult;
import org.c2lab.core.job.JobStatus;
import org.c2lab.core.metrics.MetricNames;
import org.c2lab.core.metrics.SampleOutcome;
import org.c2lab.core.model.GenerationRequest;
import org.c2lab.core.model.SamplingParams;
import org.c2lab.core.store.FileRunStore;
import org.c2lab.core.store.InMemoryRunStore;
import org.c2lab.core.store.PageRequest;
import org.c2lab.core.store.SampleRecord;
import org.c2lab.core.template.PromptMode;
import org.c2lab.eval.testing.CountingJudge;
import org.c2lab.eval.testing.CountingModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class C2EvalJobTest {
  @TempDir Path tmp;

  @Test
  void writesOneJudgedSamplePerRequestKAndPathWithASummaryThatAgreesWithTheSamples()
      throws IOException {
    Path out = tmp.resolve("run");
    InMemoryRunStore store = new InMemoryRunStore();
    JobResult<C2EvalResult> r =
        EvalRuns.run(
            "eval-1",
            EvalRuns.config(out).build(),
            EvalRuns.model(),
            store,
            EvalRuns.context("eval-1", tmp));

    assertEquals(JobStatus.SUCCEEDED, r.status(), () -> String.valueOf(r.error()));
    assertTrue(r.value().complete());
    assertEquals(36, r.value().samples());

    // Corr@k recomputed independently, through core's reader of judged samples.
    Map<Integer, long[]> tally = new TreeMap<>();
    Set<String> keys = new HashSet<>();
    try (RecordStream<SampleOutcome> outcomes =
        JudgedSampleReader.strict().open(out.resolve(C2EvalJob.SAMPLES_FILE))) {
      outcomes.forEachRemaining(
          o -> {
            assertTrue(keys.add(o.key().toString()), "duplicate key " + o.key());
            long[] t = tally.computeIfAbsent(o.k(), k -> new long[2]);
            t[0] += o.corrected() ? 1 : 0;
            t[1]++;
          });
    }
    assertEquals(4 * 3 * 3, keys.size());
    JsonNode summary = EvalRuns.summary(out);
    assertTrue(summary.path("complete").asBoolean());
    assertEquals(36, summary.path("counts").path("samples").asLong());
    assertEquals(36, summary.path("counts").path("samples_expected").asLong());
    assertEquals(12, summary.path("counts").path("units_total").asLong());
    double mean = 0;
    for (Map.Entry<Integer, long[]> e : tally.entrySet()) {
      assertEquals(12, e.getValue()[1]);
      double rate = (double) e.getValue()[0] / e.getValue()[1];
      mean += rate / tally.size();
      assertEquals(
          rate, summary.path("metrics").path(MetricNames.corrAt(e.getKey())).asDouble(), 1e-12);
      assertEquals(rate, r.value().report().corrAt(e.getKey()).rate(), 1e-12);
    }
    assertEquals(mean, summary.path("metrics").path(MetricNames.CORR_MEAN).asDouble(), 1e-12);
    assertEquals(4, summary.path("report").path("requests").asInt());

    // The store holds the same samples, and the final metrics once.
    List<SampleRecord> stored = store.samples("eval-1", PageRequest.first(1000)).items();
    assertEquals(36, stored.size());
    assertEquals(keys, new HashSet<>(stored.stream().map(SampleRecord::key).toList()));
    assertEquals(4, store.metrics("eval-1", PageRequest.first(100)).total());
    assertEquals(JobStatus.SUCCEEDED, store.getRun("eval-1").orElseThrow().status());
  }

  @Test
  void theTestJudgeFindsSomeCorrectionsAndMissesOthersOnThisModel() throws IOException {
    Path out = tmp.resolve("mix");
    EvalRuns.run(
        "mix",
        EvalRuns.config(out).samplesPerK(6).build(),
        EvalRuns.model(),
        new InMemoryRunStore(),
        EvalRuns.context("mix", tmp));
    long yes =
        EvalRuns.sampleLines(out).stream().filter(l -> l.get("corrected").asBoolean()).count();
    assertTrue(yes > 0 && yes < 72, "a mixed outcome makes the rates meaningful, got " + yes);
  }

  @Test
  void eachSampleRecordsItsPromptPrefixContinuationSeedAndVerdict() throws IOException {
    Path out = tmp.resolve("fields");
    EvalRuns.run(
        "fields",
        EvalRuns.config(out).build(),
        EvalRuns.model(),
        new InMemoryRunStore(),
        EvalRuns.context("fields", tmp));
    JsonNode first = EvalRuns.sampleLines(out).get(0);
    List<String> fields = iterate(first);
    assertEquals(
        List.of("request_id", "k", "path", "corrected"),
        fields.subList(0, 4),
        "core's judged-sample fields come first");
    String prefix = first.get("prefix").asText();
    assertTrue(first.get("prompt").asText().endsWith(prefix), "the turn stays open after prefix");
    assertTrue(first.get("prompt").asText().contains(first.get("request").asText()));
    assertEquals(10, prefix.split(" ").length);
    assertEquals("keyword", first.get("judge_id").asText());
    assertEquals(EvalRuns.judge().version(), first.get("judge_version").asText());
    assertTrue(first.get("confidence").isNull());
    assertEquals(
        PathSeeds.seed(7, first.get("request_id").asText(), 10, 0), first.get("seed").asLong());
    assertTrue(first.get("prompt_tokens").asInt() > 0);
    assertTrue(Set.of("STOP", "LENGTH").contains(first.get("finish_reason").asText()));
  }

  @Test
  void theBPathsOfOneRequestAndKShareOneGenerationRequestAndJudgingIsBatched() {
    Path out = tmp.resolve("counted");
    CountingModel model = new CountingModel(EvalRuns.model());
    CountingJudge judge = new CountingJudge(EvalRuns.judge());
    JobResult<C2EvalResult> r =
        JobResult.run(
            new C2EvalJob(
                "counted",
                EvalRuns.config(out).batchUnits(5).build(),
                model,
                judge,
                new InMemoryRunStore()),
            EvalRuns.context("counted", tmp));
    assertEquals(JobStatus.SUCCEEDED, r.status());

    assertEquals(12, model.requests(), "one request per (request, k)");
    assertEquals(List.of(5, 5, 2), model.calls.stream().map(List::size).toList());
    for (List<GenerationRequest> call : model.calls) {
      for (GenerationRequest g : call) {
        assertEquals(3, g.n());
        assertEquals(3, new HashSet<>(g.seeds()).size(), "one distinct seed per path");
      }
    }
    assertEquals(List.of(15, 15, 6), judge.batches, "one judge batch per generate call");
    assertEquals(36, judge.requests.size());
    judge.requests.forEach(
        j -> assertFalse(j.prefilledText().isEmpty() || j.request().isEmpty(), "parts apart"));
  }

  @Test
  void theSameSeedGivesIdenticalSamplesAndReportsWhateverTheBatchSize() throws IOException {
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    EvalRuns.run(
        "a",
        EvalRuns.config(a).build(),
        EvalRuns.model(),
        new InMemoryRunStore(),
        EvalRuns.context("a", tmp));
    EvalRuns.run(
        "b",
        EvalRuns.config(b).batchUnits(7).build(),
        EvalRuns.model(),
        new InMemoryRunStore(),
        EvalRuns.context("b", tmp));
    assertArrayEquals(EvalRuns.samples(a), EvalRuns.samples(b));
    assertEquals(EvalRuns.summary(a).get("report"), EvalRuns.summary(b).get("report"));

    Path c = tmp.resolve("c");
    EvalRuns.run(
        "c",
        EvalRuns.config(c).seed(8).build(),
        EvalRuns.model(),
        new InMemoryRunStore(),
        EvalRuns.context("c", tmp));
    assertFalse(Arrays.equals(EvalRuns.samples(a), EvalRuns.samples(c)));
  }

  @Test
  void referenceModeIsRecordedAndRendersTheReferencePrompt() throws IOException {
    Path out = tmp.resolve("ref");
    EvalRuns.run(
        "ref",
        EvalRuns.config(out).promptMode(PromptMode.REFERENCE).limit(1).build(),
        EvalRuns.model(),
        new InMemoryRunStore(),
        EvalRuns.context("ref", tmp));
    JsonNode summary = EvalRuns.summary(out);
    assertEquals(
        "REFERENCE", summary.path("provenance").path("notes").path("prompt.mode").asText());
    assertEquals(
        64, summary.path("provenance").path("notes").path("template.sha256").asText().length());
    assertEquals(1, summary.path("provenance").path("datasets").size());
  }

  @Test
  void theDefaultDecodingIsTheProtocolsWithThePresetsStopTokens() {
    C2EvalConfig c =
        C2EvalConfig.builder(Path.of("d.jsonl"), Path.of("o"), "qwen2-7b-instruct").build();
    SamplingParams s = c.sampling();
    assertEquals(0.8, s.temperature());
    assertEquals(0.7, s.topP());
    assertEquals(32, s.maxNewTokens());
    assertEquals(List.of("<|im_end|>", "<|endoftext|>"), s.stopStrings());
    assertEquals(List.of(10, 20, 30, 40, 50, 60, 70, 80), c.kValues());
    assertEquals(20, c.samplesPerK());
    assertNull(c.limit());
  }

  @Test
  void refusesToWriteIntoTheFileStoresOwnRunDirectory() {
    FileRunStore store = new FileRunStore(tmp.resolve("runs"));
    JobResult<C2EvalResult> r =
        EvalRuns.run(
            "clash",
            EvalRuns.config(store.runDir("clash")).build(),
            EvalRuns.model(),
            store,
            EvalRuns.context("clash", tmp));
    assertEquals(JobStatus.FAILED, r.status());
    assertInstanceOf(IllegalArgumentException.class, r.error());
    assertTrue(r.error().getMessage().contains("run store's directory"));
  }

  private static List<String> iterate(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
