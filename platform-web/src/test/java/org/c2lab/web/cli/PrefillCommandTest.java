package org.c2lab.web.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.c2lab.core.protocol.ProtocolResources;
import org.c2lab.core.testing.SharedFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrefillCommandTest {
  private static final String DEMO =
      SharedFixtures.repoRoot().resolve("datasets/demo/pku-format-demo.jsonl").toString();
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode prefill(String... extra) throws Exception {
    List<String> args =
        new ArrayList<>(List.of("prefill", "--model", "llama2-chat-7b", "--data", DEMO, "--json"));
    args.addAll(List.of(extra));
    CliHarness.Result r = CliHarness.run(args.toArray(String[]::new));
    assertEquals(0, r.exitCode(), r.err());
    return JSON.readTree(r.out());
  }

  @Test
  void issueExamplePrintsThreePromptsOfThirtyWordsInTheOpenAssistantTurn() throws Exception {
    JsonNode out = prefill("--k", "30", "--limit", "3", "--seed", "1");
    JsonNode prompts = out.get("prompts");
    assertEquals(3, prompts.size());
    for (JsonNode p : prompts) {
      assertEquals(30, p.get("k").asInt());
      assertEquals(30, p.get("words").asInt(), "the demo answers are longer than 30 words");
      assertEquals(30, p.get("prefix").asText().split(" ").length);
      assertTrue(
          ProtocolResources.forceBeginPhrases().contains(p.get("force_begin_phrase").asText()));
      assertTrue(p.get("prefix").asText().startsWith(p.get("force_begin_phrase").asText() + " "));
      String prompt = p.get("prompt").asText();
      assertTrue(prompt.startsWith("<s>[INST] "), prompt);
      assertTrue(prompt.endsWith(" [/INST] " + p.get("prefix").asText()), prompt);
    }
    assertEquals("pku-format-demo.jsonl:1", prompts.get(0).get("request_id").asText());
    assertEquals(64, out.get("data_sha256").asText().length());
    assertEquals("continue_final_message", out.get("mode").asText());
  }

  @Test
  void sameSeedGivesTheSamePromptsAndAnotherSeedOtherPhrases() throws Exception {
    JsonNode a = prefill("--k", "20", "--seed", "1");
    JsonNode b = prefill("--k", "20", "--seed", "1");
    JsonNode c = prefill("--k", "20", "--seed", "2");
    assertEquals(a.get("prompts"), b.get("prompts"));
    assertNotEquals(a.get("prompts"), c.get("prompts"));
  }

  @Test
  void everyKOfTheProtocolByDefault() throws Exception {
    JsonNode prompts = prefill("--limit", "1").get("prompts");
    List<Integer> ks = new ArrayList<>();
    prompts.forEach(p -> ks.add(p.get("k").asInt()));
    assertEquals(List.of(10, 20, 30, 40, 50, 60, 70, 80), ks);
  }

  @Test
  void bothSafeRowsAreSkippedAndShortAnswersKeepAllTheirWords() throws Exception {
    JsonNode prompts = prefill("--k", "80").get("prompts");
    assertEquals(11, prompts.size(), "12 rows, one with both responses safe");
    boolean sawShort = false;
    for (JsonNode p : prompts) {
      sawShort |= p.get("words").asInt() < 80;
    }
    assertTrue(sawShort);
  }

  @Test
  void malformedDataNamesFileLineAndField(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.jsonl");
    Files.writeString(bad, "{\"prompt\": \"How?\"}\n");
    CliHarness.Result r =
        CliHarness.run("prefill", "--model", "llama2-chat-7b", "--data", bad.toString());
    assertEquals(2, r.exitCode());
    assertTrue(r.err().startsWith("error: bad.jsonl:1: response_0: missing"), r.err());
  }
}
