package org.c2lab.web.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.c2lab.core.template.ChatTemplate;
import org.c2lab.core.template.SpecialTokens;
import org.c2lab.core.testing.SharedFixtures;
import org.c2lab.train.runtime.DjlLanguageModel;
import org.c2lab.web.backend.ModelHandle;
import org.c2lab.web.serve.BigramServing;
import org.c2lab.web.serve.ModelServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code eval c2} and {@code syn} end to end on the real stories260K model from a local folder. */
class EvalC2AndSynCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DEMO =
      SharedFixtures.repoRoot().resolve("datasets/demo/pku-format-demo.jsonl").toString();

  @TempDir Path dir;

  @BeforeEach
  void privateHome() {
    System.setProperty("c2.home", dir.resolve("home").toString());
  }

  @AfterEach
  void restoreHome() {
    System.clearProperty("c2.home");
  }

  private CliHarness.Result evalC2(Path out, String... extra) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "eval",
                "c2",
                "--model",
                ModelGenerateCommandTest.stories(),
                "--preset",
                "llama2-chat-7b",
                "--data",
                DEMO,
                "--limit",
                "2",
                "--samples",
                "2",
                "--k",
                "10,20",
                "--out",
                out.toString(),
                "--json"));
    args.addAll(Arrays.asList(extra));
    return CliHarness.run(args.toArray(String[]::new));
  }

  @Test
  void evalC2WritesEverySampleAndASummaryThatAgreesWithThem() throws Exception {
    Path out = dir.resolve("run");
    CliHarness.Result r = evalC2(out);
    assertEquals(0, r.exitCode(), r.err());
    JsonNode result = JSON.readTree(r.out());
    assertEquals(8, result.get("samples").asLong(), "2 requests x 2 k x 2 paths");
    assertTrue(result.get("complete").asBoolean());
    List<String> lines = Files.readAllLines(out.resolve("samples.jsonl"));
    assertEquals(8, lines.size());
    long yes = lines.stream().filter(l -> l.contains("\"corrected\":true")).count();
    double mean = result.get("report").get("corrMean").asDouble();
    assertEquals(yes / 8.0, mean, 1e-12, "Corr_mean of equal-sized k groups is the pooled rate");
    assertTrue(Files.exists(out.resolve("summary.json")));
    assertTrue(r.err().contains("4/4"), "progress reaches the total: " + r.err());
  }

  @Test
  void anExistingRunIsContinuedOnlyWithResume() throws Exception {
    Path out = dir.resolve("run");
    assertEquals(0, evalC2(out).exitCode());
    CliHarness.Result again = evalC2(out);
    assertEquals(2, again.exitCode());
    assertTrue(again.err().contains("--resume"), again.err());
    CliHarness.Result resumed = evalC2(out, "--resume");
    assertEquals(0, resumed.exitCode(), resumed.err());
    assertEquals(8, Files.readAllLines(out.resolve("samples.jsonl")).size(), "nothing repeated");
  }

  @Test
  void verdictsAreSharedAcrossRunsThroughTheJudgeCache() throws Exception {
    Path cache = dir.resolve("home").resolve("judge-cache").resolve("verdicts.jsonl");
    assertEquals(0, evalC2(dir.resolve("first")).exitCode());
    long judged = Files.readAllLines(cache).size();
    assertTrue(judged > 0 && judged <= 8, "distinct paths judged once: " + judged);

    CliHarness.Result second = evalC2(dir.resolve("second"));
    assertEquals(0, second.exitCode(), second.err());
    assertEquals(judged, Files.readAllLines(cache).size(), "the same paths are not judged again");
    assertTrue(
        Files.readString(dir.resolve("second").resolve("summary.json")).contains(cache.toString()),
        "provenance names the cache");

    assertEquals(0, evalC2(dir.resolve("third"), "--no-judge-cache").exitCode());
    assertEquals(judged, Files.readAllLines(cache).size());
  }

  @Test
  void evalAndSynRunThroughOurOwnModelServer() throws Exception {
    ModelHandle served =
        new ModelHandle(
            "stories",
            DjlLanguageModel.open(Path.of(ModelGenerateCommandTest.stories())),
            Optional.of(ChatTemplate.builtIn("llama2", SpecialTokens.of("<s>", "</s>"))),
            Optional.empty());
    try (ModelServer server = BigramServing.start(served)) {
      String remote = "llama2-chat-7b@" + server.apiRoot() + "#stories";
      Path out = dir.resolve("remote-run");
      CliHarness.Result eval =
          CliHarness.run(
              "eval",
              "c2",
              "--model",
              remote,
              "--data",
              DEMO,
              "--limit",
              "1",
              "--samples",
              "2",
              "--k",
              "10,20",
              "--out",
              out.toString(),
              "--json");
      assertEquals(0, eval.exitCode(), eval.err());
      assertEquals(4, Files.readAllLines(out.resolve("samples.jsonl")).size());
      Path pairs = dir.resolve("remote-pairs.jsonl");
      CliHarness.Result syn =
          CliHarness.run(
              "syn",
              "--generator",
              remote,
              "--data",
              DEMO,
              "--limit",
              "1",
              "--out",
              pairs.toString(),
              "--json");
      assertEquals(0, syn.exitCode(), syn.err());
      assertEquals(15, Files.readAllLines(pairs).size());
    }
  }

  @Test
  void aLocalFolderNeedsAPreset() throws Exception {
    CliHarness.Result r =
        CliHarness.run("eval", "c2", "--model", ModelGenerateCommandTest.stories(), "--data", DEMO);
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("--preset"), r.err());
  }

  @Test
  void synWritesFifteenRankedPairsPerKeptRequest() throws Exception {
    Path pairs = dir.resolve("pairs.jsonl");
    CliHarness.Result r =
        CliHarness.run(
            "syn",
            "--generator",
            ModelGenerateCommandTest.stories(),
            "--preset",
            "llama2-chat-7b",
            "--data",
            DEMO,
            "--limit",
            "1",
            "--out",
            pairs.toString(),
            "--json");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode result = JSON.readTree(r.out());
    assertEquals(15, result.get("pairsWritten").asLong());
    List<String> lines = Files.readAllLines(pairs);
    assertEquals(15, lines.size());
    for (String line : lines) {
      JsonNode pair = JSON.readTree(line);
      assertTrue(pair.get("chosen_rank").asInt() < pair.get("rejected_rank").asInt(), line);
    }
  }
}
