package org.c2lab.web.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code judge train / evaluate / agreement} on fictional, mild labelled data (test resources) and
 * hand-made verdict files.
 */
class JudgeCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  private static String resource(String name) throws URISyntaxException {
    return Path.of(JudgeCommandTest.class.getResource("/judge/" + name).toURI()).toString();
  }

  @Test
  void trainsSavesAndEvaluatesTheClassifier() throws Exception {
    Path model = dir.resolve("models/judge.tribuo");
    CliHarness.Result train =
        CliHarness.run(
            "judge",
            "train",
            "--data",
            resource("labelled-train.jsonl"),
            "--out",
            model.toString());
    assertEquals(0, train.exitCode(), train.err());
    assertTrue(Files.isRegularFile(model));
    assertTrue(train.out().contains("examples          40 (20 labelled corrected)"), train.out());
    assertTrue(train.out().contains("judge version"), train.out());

    CliHarness.Result table =
        CliHarness.run(
            "judge",
            "evaluate",
            "--model",
            model.toString(),
            "--data",
            resource("labelled-test.jsonl"));
    assertEquals(0, table.exitCode(), table.err());
    assertTrue(table.out().contains("LABELLED YES"), table.out());
    assertTrue(table.out().contains("f1"), table.out());

    CliHarness.Result json =
        CliHarness.run(
            "judge",
            "evaluate",
            "--model",
            model.toString(),
            "--data",
            resource("labelled-test.jsonl"),
            "--json");
    assertEquals(0, json.exitCode(), json.err());
    JsonNode e = JSON.readTree(json.out());
    assertEquals("classifier", e.get("judgeId").asText());
    assertEquals(16, e.get("examples").asInt());
    JsonNode m = e.get("confusion");
    long tp = m.get("truePositives").asLong();
    long fp = m.get("falsePositives").asLong();
    long fn = m.get("falseNegatives").asLong();
    long tn = m.get("trueNegatives").asLong();
    assertEquals(16, tp + fp + fn + tn);
    assertEquals(8, tp + fn, "the test set has 8 corrected examples");
    assertEquals((tp + tn) / 16.0, e.get("accuracy").asDouble(), 1e-12);
    assertEquals(tp / (double) (tp + fn), e.get("recall").asDouble(), 1e-12);
    assertTrue(e.get("accuracy").asDouble() >= 0.8, json.out());
  }

  @Test
  void trainPrintsJsonWithProvenanceFacts() throws Exception {
    Path model = dir.resolve("m.tribuo");
    CliHarness.Result r =
        CliHarness.run(
            "judge",
            "train",
            "--data",
            resource("labelled-train.jsonl"),
            "--out",
            model.toString(),
            "--epochs",
            "5",
            "--seed",
            "3",
            "--json");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode s = JSON.readTree(r.out());
    assertEquals(40, s.get("examples").asInt());
    assertEquals(5, s.get("settings").get("epochs").asInt());
    assertEquals(3, s.get("settings").get("seed").asInt());
    assertEquals(64, s.get("modelSha256").asText().length());
    assertTrue(s.get("topFeatures").has("corrected"), r.out());
  }

  @Test
  void evaluatesAnyJudgeBySpec() throws Exception {
    CliHarness.Result r =
        CliHarness.run(
            "judge",
            "evaluate",
            "--judge",
            "keyword",
            "--data",
            resource("labelled-test.jsonl"),
            "--json");
    assertEquals(0, r.exitCode(), r.err());
    assertEquals("keyword", JSON.readTree(r.out()).get("judgeId").asText());
  }

  @Test
  void agreementOnATextbookTable() throws Exception {
    // 20 both yes, 5 A only, 10 B only, 15 both no: kappa 0.4
    StringBuilder a = new StringBuilder();
    StringBuilder b = new StringBuilder();
    int path = 0;
    path = cells(a, b, path, 20, true, true);
    path = cells(a, b, path, 5, true, false);
    path = cells(a, b, path, 10, false, true);
    cells(a, b, path, 15, false, false);
    Path fa = Files.writeString(dir.resolve("a.jsonl"), a);
    Path fb = Files.writeString(dir.resolve("b.jsonl"), b);

    CliHarness.Result json =
        CliHarness.run("judge", "agreement", fa.toString(), fb.toString(), "--json");
    assertEquals(0, json.exitCode(), json.err());
    JsonNode g = JSON.readTree(json.out());
    assertEquals(50, g.get("samples").asInt());
    assertEquals(0.4, g.get("kappa").asDouble(), 1e-12);
    assertEquals(5, g.get("aYesBNo").asInt());

    CliHarness.Result table = CliHarness.run("judge", "agreement", fa.toString(), fb.toString());
    assertEquals(0, table.exitCode(), table.err());
    assertTrue(table.out().contains("Cohen's kappa       0.400"), table.out());
    assertTrue(table.out().contains("disagreements       15, e.g."), table.out());
  }

  private static int cells(
      StringBuilder a, StringBuilder b, int from, int n, boolean x, boolean y) {
    for (int i = 0; i < n; i++) {
      a.append(line(from + i, x));
      b.append(line(from + i, y));
    }
    return from + n;
  }

  private static String line(int path, boolean corrected) {
    return String.format(
        "{\"request_id\":\"r%d\",\"k\":10,\"path\":%d,\"corrected\":%b}%n",
        path % 5, path, corrected);
  }

  @Test
  void malformedLabelledDataNamesFileLineAndField() throws IOException {
    Path bad =
        Files.writeString(
            dir.resolve("bad.jsonl"),
            "{\"request\":\"r\",\"prefilled_text\":\"p\",\"continuation\":\"c\",\"corrected\":\"no\"}\n");
    CliHarness.Result r =
        CliHarness.run(
            "judge", "train", "--data", bad.toString(), "--out", dir.resolve("m").toString());
    assertEquals(2, r.exitCode());
    assertTrue(r.err().startsWith("error: bad.jsonl:1: corrected: expected boolean"), r.err());
  }

  @Test
  void aModelFileThatIsNotAModelIsBadInput() throws Exception {
    Path notModel = Files.writeString(dir.resolve("x.tribuo"), "hello");
    CliHarness.Result r =
        CliHarness.run(
            "judge",
            "evaluate",
            "--model",
            notModel.toString(),
            "--data",
            resource("labelled-test.jsonl"));
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("not a Tribuo model"), r.err());
  }

  @Test
  void agreementRefusesFilesOnDifferentSamples() throws IOException {
    Path fa = Files.writeString(dir.resolve("a.jsonl"), line(0, true) + line(1, false));
    Path fb = Files.writeString(dir.resolve("b.jsonl"), line(0, true));
    CliHarness.Result r = CliHarness.run("judge", "agreement", fa.toString(), fb.toString());
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("only in A"), r.err());
  }

  @Test
  void helpListsTheJudgeCommands() {
    CliHarness.Result r = CliHarness.run("--help");
    assertTrue(r.out().contains("judge train"), r.out());
    assertTrue(r.out().contains("judge evaluate"), r.out());
    assertTrue(r.out().contains("judge agreement"), r.out());
  }
}
