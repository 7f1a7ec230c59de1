package org.c2lab.web.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelsListCommandTest {
  private static final List<String> PAPER_MODELS =
      List.of(
          "llama2-chat-7b",
          "vicuna-7b-v1.5",
          "zephyr-7b-beta",
          "llama3-8b-instruct",
          "glm4-9b-chat",
          "qwen2-0.5b-instruct",
          "qwen2-1.5b-instruct",
          "qwen2-7b-instruct",
          "qwen2-72b-instruct",
          "phi3-mini-128k-instruct");

  @Test
  void jsonListsExactlyTheTenPaperModels() throws Exception {
    CliHarness.Result r = CliHarness.run("models", "list", "--json");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode presets = new ObjectMapper().readTree(r.out()).get("presets");
    List<String> ids = new ArrayList<>();
    presets.forEach(p -> ids.add(p.get("id").asText()));
    assertEquals(PAPER_MODELS, ids);
    JsonNode qwen = presets.get(7);
    assertEquals("Qwen/Qwen2-7B-Instruct", qwen.get("hfRepoId").asText());
    assertEquals("QWEN2", qwen.get("family").asText());
    assertTrue(qwen.get("stopTokens").toString().contains("<|im_end|>"));
  }

  @Test
  void tableHasOneRowPerPreset() {
    CliHarness.Result r = CliHarness.run("models", "list");
    assertEquals(0, r.exitCode(), r.err());
    List<String> lines = r.out().lines().toList();
    assertEquals(11, lines.size(), r.out());
    assertTrue(lines.get(0).startsWith("ID "));
    assertTrue(lines.get(1).startsWith("llama2-chat-7b "));
  }
}
