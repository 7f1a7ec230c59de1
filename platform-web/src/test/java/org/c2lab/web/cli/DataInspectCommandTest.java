package org.c2lab.web.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.c2lab.core.testing.SharedFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataInspectCommandTest {
  private static final Path DEMO =
      SharedFixtures.repoRoot().resolve("datasets/demo/pku-format-demo.jsonl");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void jsonOutputIsOneObjectDescribingTheDemoFile() throws Exception {
    CliHarness.Result r = CliHarness.run("data", "inspect", DEMO.toString(), "--json");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode stats = JSON.readTree(r.out());
    assertEquals(12, stats.get("rows").asLong());
    assertEquals(11, stats.get("distinctPrompts").asLong());
    assertEquals(1, stats.get("rowsNoUnsafe").asLong());
    assertEquals(11, stats.get("rowsOneUnsafe").asLong());
    assertEquals(11, stats.get("harmfulWordLengths").get("count").asLong());
    assertEquals(26, stats.get("harmfulWordLengths").get("min").asLong());
    assertEquals(91, stats.get("harmfulWordLengths").get("max").asLong());
    assertEquals(64, stats.get("sha256").asText().length());
  }

  @Test
  void tableNamesTheCountsAndTheHash() {
    CliHarness.Result r = CliHarness.run("data", "inspect", DEMO.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("distinct prompts  11"), r.out());
    assertTrue(r.out().contains("sha256"), r.out());
  }

  @Test
  void malformedLineFailsWithFileLineAndFieldAndExitCodeTwo(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.jsonl");
    String good = Files.readAllLines(DEMO).get(0);
    Files.writeString(
        bad,
        good
            + "\n"
            + good.replace("\"is_response_0_safe\": false", "\"is_response_0_safe\": \"no\"")
            + "\n");
    CliHarness.Result r = CliHarness.run("data", "inspect", bad.toString(), "--json");
    assertEquals(2, r.exitCode());
    assertEquals("", r.out(), "nothing on stdout when the file is bad");
    assertTrue(r.err().startsWith("error: bad.jsonl:2: is_response_0_safe: "), r.err());
  }

  @Test
  void lenientReadingSkipsAndCountsMalformedLines(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.jsonl");
    Files.writeString(bad, Files.readString(DEMO) + "{not json\n");
    CliHarness.Result r = CliHarness.run("data", "inspect", bad.toString(), "--lenient", "--json");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode stats = JSON.readTree(r.out());
    assertEquals(12, stats.get("rows").asLong());
    assertEquals(1, stats.get("malformedLines").asLong());
    assertTrue(stats.get("firstErrors").get(0).asText().startsWith("bad.jsonl:13: "));
  }

  @Test
  void missingFileIsReportedByName() {
    CliHarness.Result r = CliHarness.run("data", "inspect", "no/such/file.jsonl");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("no/such/file.jsonl"), r.err());
  }
}
