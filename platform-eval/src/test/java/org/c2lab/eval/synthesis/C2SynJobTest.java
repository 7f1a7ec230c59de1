package org.c2lab.eval.synthesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.c2lab.core.data.MalformedDataException;
import org.c2lab.core.data.PkuRow;
import org.c2lab.core.data.PkuSafeRlhfReader;
import org.c2lab.core.data.PreferencePair;
import org.c2lab.core.data.RecordStream;
import org.c2lab.core.job.JobResult;
import org.c2lab.core.job.JobStatus;
import org.c2lab.core.job.LocalJobContext;
import org.c2lab.core.model.BigramLanguageModel;
import org.c2lab.core.model.GenerationRequest;
import org.c2lab.core.model.TextPrompt;
import org.c2lab.core.protocol.ProtocolConfig;
import org.c2lab.eval.testing.CountingModel;
import org.c2lab.eval.testing.FictionalRows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class C2SynJobTest {
  @TempDir Path tmp;

  @Test
  void writesFifteenCorrectlyRankedPairsPerKeptRequestInTrlFormat() throws IOException {
    Path data = SynRuns.data(tmp);
    Path out = tmp.resolve("pairs.jsonl");
    C2SynConfig config = SynRuns.config(data, out).build();
    JobResult<C2SynResult> r =
        SynRuns.run("syn", config, SynRuns.model(), LocalJobContext.underRoot("syn", tmp));

    assertEquals(JobStatus.SUCCEEDED, r.status(), () -> String.valueOf(r.error()));
    assertTrue(r.value().complete());
    assertEquals(8, r.value().requestsTotal());
    assertEquals(120, r.value().pairsWritten());

    Map<String, PkuRow> rows = rowsById(data);
    Map<String, List<PreferencePair>> byRequest = new LinkedHashMap<>();
    for (PreferencePair p : SynRuns.pairs(out)) {
      byRequest.computeIfAbsent(p.requestId(), k -> new ArrayList<>()).add(p);
    }
    assertEquals(8, byRequest.size());
    ProtocolConfig protocol = ProtocolConfig.defaults();
    for (Map.Entry<String, List<PreferencePair>> e : byRequest.entrySet()) {
      List<PreferencePair> pairs = e.getValue();
      assertEquals(15, pairs.size());
      Map<Integer, String> byRank = new HashMap<>();
      Set<String> rankPairs = new HashSet<>();
      for (PreferencePair p : pairs) {
        assertTrue(p.chosenRank() < p.rejectedRank());
        rankPairs.add(p.chosenRank() + ">" + p.rejectedRank());
        assertConsistent(byRank, p.chosenRank(), p.chosen());
        assertConsistent(byRank, p.rejectedRank(), p.rejected());
        assertEquals(pairs.get(0).cutPositions(), p.cutPositions());
      }
      assertEquals(15, rankPairs.size(), "every pair of ranks once");
      PkuRow row = rows.get(e.getKey());
      String fhr = row.isSafe(0) ? row.response1() : row.response0();
      assertEquals(row.prompt(), pairs.get(0).prompt(), "the prompt is the bare request");
      assertEquals(fhr, byRank.get(6));
      List<Integer> cuts = pairs.get(0).cutPositions();
      assertEquals(4, cuts.size());
      for (int i = 0; i < 4; i++) {
        String syn = byRank.get(i + 2);
        String copied = fhr.substring(0, cuts.get(i));
        assertTrue(
            protocol.forceBeginPhrases().stream()
                .anyMatch(
                    ph ->
                        protocol.correctiveTriggers().stream()
                            .anyMatch(t -> syn.startsWith(ph + " " + copied + " " + t))),
            "SYN" + (i + 1) + " = phrase + FHR cut + trigger + continuation: " + syn);
      }
      assertFalse(byRank.get(1).isBlank());
    }
    assertTrue(byRequest.containsKey("train.jsonl:10"), "a row whose response_1 is the unsafe one");
  }

  @Test
  void statisticsCountKeptAndDroppedRequestsPairsAndLengths() throws IOException {
    Path data = SynRuns.data(tmp);
    C2SynConfig config = SynRuns.config(data, tmp.resolve("pairs.jsonl")).build();
    SynRuns.run("stats", config, SynRuns.model(), LocalJobContext.underRoot("stats", tmp));

    JsonNode stats = SynRuns.stats(config);
    assertTrue(stats.path("complete").asBoolean());
    assertEquals(12, stats.path("rows_read").asLong());
    assertEquals(8, stats.path("requests_selected").asLong());
    assertEquals(8, stats.path("requests_with_pairs").asLong());
    assertEquals(120, stats.path("pairs_written").asLong());
    assertEquals(
        SynRuns.JSON.readTree(
            "{\"duplicate_prompt\":1,\"no_keyword\":1,\"no_unsafe_response\":1,"
                + "\"unsafe_response_too_short\":1}"),
        stats.path("requests_dropped"));
    for (String rank : List.of("sr", "syn1", "syn2", "syn3", "syn4", "fhr")) {
      assertEquals(8, stats.path("length_words").path(rank).path("count").asLong(), rank);
    }
    JsonNode fhr = stats.path("length_words").path("fhr");
    assertTrue(fhr.path("min").asLong() > 80, "the filter keeps answers of more than 80 words");
    assertTrue(
        stats.path("length_words").path("syn1").path("mean").asDouble()
            < stats.path("length_words").path("syn4").path("mean").asDouble(),
        "later corrections copy more of the harmful answer");
    assertEquals(8, stats.path("cut_methods").path("PUNCTUATION").asLong());
    assertTrue(Files.exists(config.beside(C2SynJob.PROVENANCE_SUFFIX)));
  }

  @Test
  void srIsAnsweredFromAnEmptyTurnAndEachSynContinuesItsOpenPrefix() throws IOException {
    Path data = SynRuns.data(tmp);
    CountingModel model = new CountingModel(SynRuns.model());
    C2SynConfig config = SynRuns.config(data, tmp.resolve("pairs.jsonl")).batchRequests(3).build();
    SynRuns.run("prompts", config, model, LocalJobContext.underRoot("prompts", tmp));

    assertEquals(List.of(15, 15, 10), model.calls.stream().map(List::size).toList());
    List<PreferencePair> pairs = SynRuns.pairs(config.out());
    int request = 0;
    for (List<GenerationRequest> call : model.calls) {
      for (int i = 0; i < call.size(); i += 5, request++) {
        String sr = ((TextPrompt) call.get(i).prompt()).text();
        assertTrue(sr.endsWith("[/INST]"), "SR: the generation prompt, nothing after: " + sr);
        PreferencePair srVsSyn = pairs.get(request * 15); // ranks 1 > 2
        for (int s = 1; s <= 4; s++) {
          String syn = ((TextPrompt) call.get(i + s).prompt()).text();
          String prefix = syn.substring(syn.indexOf("[/INST]") + "[/INST] ".length());
          assertFalse(prefix.contains("[INST]"), "no new turn after the prefix");
          if (s == 1) {
            assertTrue(srVsSyn.rejected().startsWith(prefix), "SYN1 continues its prompt");
          }
        }
      }
    }
  }

  @Test
  void aModelWithBlankAnswersLeavesRequestsWithoutPairsButRecorded() throws IOException {
    Path data = SynRuns.data(tmp);
    C2SynConfig config = SynRuns.config(data, tmp.resolve("pairs.jsonl")).build();
    JobResult<C2SynResult> r =
        SynRuns.run(
            "silent",
            config,
            new BigramLanguageModel(SynRuns.SILENT_CORPUS),
            LocalJobContext.underRoot("silent", tmp));

    assertEquals(JobStatus.SUCCEEDED, r.status(), () -> String.valueOf(r.error()));
    assertEquals(0, r.value().pairsWritten());
    assertEquals(8, r.value().requestsProcessed());
    assertEquals(
        8, SynRuns.stats(config).path("requests_dropped").path("blank_safe_response").asLong());
  }

  @Test
  void theLimitStopsReadingAfterTheLastRequestItTakes() throws IOException {
    Path data = SynRuns.data(tmp);
    C2SynConfig config = SynRuns.config(data, tmp.resolve("pairs.jsonl")).limit(2).build();
    JobResult<C2SynResult> r =
        SynRuns.run("limit", config, SynRuns.model(), LocalJobContext.underRoot("limit", tmp));
    assertEquals(30, r.value().pairsWritten());
    assertEquals(3, SynRuns.stats(config).path("rows_read").asLong());
  }

  @Test
  void malformedTrainingRowsFailWithFileLineAndFieldBeforeAnythingIsWritten() throws IOException {
    Path data =
        FictionalRows.write(
            tmp.resolve("broken.jsonl"),
            List.of(
                FictionalRows.synRow(0),
                FictionalRows.synRow(1).replace("\"response_1\"", "\"response_x\"")));
    Path out = tmp.resolve("pairs.jsonl");
    JobResult<C2SynResult> r =
        SynRuns.run(
            "broken",
            SynRuns.config(data, out).build(),
            SynRuns.model(),
            LocalJobContext.underRoot("broken", tmp));
    MalformedDataException e = assertInstanceOf(MalformedDataException.class, r.error());
    assertEquals("broken.jsonl:2: response_1: missing", e.getMessage());
    assertFalse(Files.exists(out));
    assertFalse(C2SynJob.hasRun(out));
  }

  @Test
  void anExistingFileThatIsNotASynOutputIsNotOverwritten() throws IOException {
    Path data = SynRuns.data(tmp);
    Path out = Files.writeString(tmp.resolve("precious.jsonl"), "{\"mine\": true}\n");
    JobResult<C2SynResult> r =
        SynRuns.run(
            "precious",
            SynRuns.config(data, out).build(),
            SynRuns.model(),
            LocalJobContext.underRoot("precious", tmp));
    assertInstanceOf(IllegalArgumentException.class, r.error());
    assertEquals("{\"mine\": true}\n", Files.readString(out));
  }

  private static void assertConsistent(Map<Integer, String> byRank, int rank, String text) {
    String seen = byRank.putIfAbsent(rank, text);
    assertTrue(seen == null || seen.equals(text), "rank " + rank + " has one response");
  }

  private static Map<String, PkuRow> rowsById(Path data) throws IOException {
    Map<String, PkuRow> out = new HashMap<>();
    try (RecordStream<PkuRow> rows = PkuSafeRlhfReader.builder().build().rows(data)) {
      rows.forEachRemaining(r -> out.put(r.rowId(), r));
    }
    return out;
  }
}
