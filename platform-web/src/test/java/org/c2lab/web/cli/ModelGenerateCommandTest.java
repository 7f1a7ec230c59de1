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
import org.c2lab.core.testing.SharedFixtures;
import org.c2lab.train.llama2c.Llama2cImporter;
import org.junit.jupiter.api.Test;

/**
 * {@code model generate} and {@code model logits} on stories260K against its published reference.
 */
class ModelGenerateCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Path imported;

  /** stories260K in Hugging Face layout, imported once per JVM (skips without ../shared). */
  static synchronized String stories() throws Exception {
    Path bin = SharedFixtures.require("models/stories260K/stories260K.bin");
    Path tok = SharedFixtures.require("models/stories260K/tok512.bin");
    if (imported == null) {
      Path tmp = Files.createTempDirectory("c2-cli-stories-");
      imported = Llama2cImporter.convert(bin, tok, tmp.resolve("stories260K")).outDir();
    }
    return imported.toString();
  }

  private static JsonNode reference() throws Exception {
    return JSON.readTree(
        SharedFixtures.require("models/stories260K/greedy-reference.json").toFile());
  }

  private static CliHarness.Result run(String... args) {
    List<String> all = new ArrayList<>(List.of("model"));
    all.addAll(Arrays.asList(args));
    return CliHarness.run(all.toArray(String[]::new));
  }

  private static JsonNode json(CliHarness.Result r) throws Exception {
    assertEquals(0, r.exitCode(), r.err());
    return JSON.readTree(r.out());
  }

  @Test
  void greedyIdsAfterBosAreTheReferenceIds() throws Exception {
    JsonNode c = reference().get("cases").get(0); // empty prompt: BOS, then 256 tokens
    JsonNode out =
        json(
            run(
                "generate",
                "--model",
                stories(),
                "--token-ids",
                "1",
                "--greedy",
                "--max-new-tokens",
                "256",
                "--json"));
    assertEquals(List.of("token_ids", "text", "finish_reason"), fieldNames(out));
    assertEquals(c.get("output_tokens"), out.get("token_ids"));
    assertEquals(c.get("text").asText(), out.get("text").asText());
    assertEquals("length", out.get("finish_reason").asText());
  }

  @Test
  void greedyTextPromptContinuesLikeTheReference() throws Exception {
    JsonNode c = reference().get("cases").get(1); // "Once upon a time", 64 steps
    int forced = c.get("prompt_ids").size() - 1;
    JsonNode out =
        json(
            run(
                "generate",
                "--model",
                stories(),
                "--prompt",
                c.get("prompt").asText(),
                "--greedy",
                "--max-new-tokens",
                String.valueOf(64 - forced),
                "--json"));
    List<JsonNode> expected = new ArrayList<>();
    c.get("output_tokens").forEach(expected::add);
    assertEquals(expected.subList(forced, expected.size()), list(out.get("token_ids")));
    assertEquals(c.get("text").asText(), c.get("prompt").asText() + out.get("text").asText());
  }

  @Test
  void seededSamplesAreReproducibleOneByOne() throws Exception {
    String[] common = {
      "generate",
      "--model",
      stories(),
      "--prompt",
      "Once upon a time",
      "--temperature",
      "1.0",
      "--top-p",
      "0.9",
      "--max-new-tokens",
      "20",
      "--json"
    };
    JsonNode three = json(run(concat(common, "--n", "3", "--seed", "7")));
    JsonNode samples = three.get("samples");
    assertEquals(3, samples.size());
    JsonNode seed8 = json(run(concat(common, "--seed", "8")));
    assertEquals(8, samples.get(1).get("seed").asLong());
    assertEquals(seed8.get("token_ids"), samples.get(1).get("token_ids"));
    assertEquals(seed8.get("text"), samples.get(1).get("text"));
    assertTrue(
        !samples.get(0).get("text").equals(samples.get(1).get("text"))
            || !samples.get(1).get("text").equals(samples.get(2).get("text")),
        "three seeds gave one text: " + samples);
  }

  @Test
  void plainOutputShowsTheTextAndWhyItEnded() throws Exception {
    CliHarness.Result r =
        run(
            "generate",
            "--model",
            stories(),
            "--prompt",
            "Once upon a time",
            "--greedy",
            "--max-new-tokens",
            "12",
            "--stop",
            "girl");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().startsWith(", there was a little \n"), r.out());
    assertTrue(r.out().matches("(?s).*\\[stop: \\d+ new tokens after 5 prompt tokens.*"), r.out());
  }

  @Test
  void logitsMatchTheReferenceWithin1e4() throws Exception {
    JsonNode ref = reference().get("logits_reference");
    String[][] cases = {{"1", "pos0_after_BOS"}, {"1,403", "pos1_after_403"}};
    for (String[] c : cases) {
      JsonNode out = json(run("logits", "--model", stories(), "--token-ids", c[0], "--json"));
      assertEquals(List.of("logits"), fieldNames(out));
      JsonNode expected = ref.get(c[1]);
      assertEquals(expected.size(), out.get("logits").size());
      for (int i = 0; i < expected.size(); i++) {
        assertEquals(expected.get(i).asDouble(), out.get("logits").get(i).asDouble(), 1e-4, c[1]);
      }
    }
  }

  @Test
  void logitsTableListsTheMostLikelyTokensFirst() throws Exception {
    CliHarness.Result r = run("logits", "--model", stories(), "--token-ids", "1");
    assertEquals(0, r.exitCode(), r.err());
    String[] lines = r.out().split("\n");
    assertEquals(11, lines.length, r.out());
    assertTrue(lines[1].trim().startsWith("403 "), r.out()); // pos0_top5 starts with 403
  }

  @Test
  void badInputExitsWithTwoAndAMessage() throws Exception {
    String m = stories();
    String[][] bad = {
      {"generate", "--model", m, "--prompt", "x", "--token-ids", "1", "--max-new-tokens", "2"},
      {
        "generate",
        "--model",
        m,
        "--prompt",
        "x",
        "--greedy",
        "--seed",
        "1",
        "--max-new-tokens",
        "2"
      },
      {"generate", "--model", m, "--token-ids", "1,999", "--max-new-tokens", "2"},
      {"generate", "--model", m, "--token-ids", "1", "--max-new-tokens", "600"},
      {"generate", "--model", m, "--prompt", "x", "--temperature", "0", "--max-new-tokens", "2"},
      {"logits", "--model", m, "--token-ids", "1,512"},
      {"logits", "--model", m + "-missing", "--token-ids", "1"},
    };
    for (String[] args : bad) {
      CliHarness.Result r = run(args);
      assertEquals(CliErrors.BAD_INPUT, r.exitCode(), String.join(" ", args) + ": " + r.err());
      assertEquals("", r.out());
      assertTrue(!r.err().isBlank(), String.join(" ", args));
    }
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static List<JsonNode> list(JsonNode array) {
    List<JsonNode> out = new ArrayList<>();
    array.forEach(out::add);
    return out;
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
