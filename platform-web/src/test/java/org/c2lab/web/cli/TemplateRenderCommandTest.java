package org.c2lab.web.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.c2lab.core.testing.SharedFixtures;
import org.junit.jupiter.api.Test;

class TemplateRenderCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode renderJson(String... args) throws Exception {
    String[] all = new String[args.length + 3];
    all[0] = "template";
    all[1] = "render";
    System.arraycopy(args, 0, all, 2, args.length);
    all[all.length - 1] = "--json";
    CliHarness.Result r = CliHarness.run(all);
    assertEquals(0, r.exitCode(), r.err());
    assertEquals(1, r.out().lines().count(), "--json prints one line and nothing else");
    return JSON.readTree(r.out());
  }

  @Test
  void qwen2ContinuationLeavesTheAssistantTurnOpen() throws Exception {
    JsonNode r =
        renderJson("--model", "qwen2-7b-instruct", "--user", "Hi?", "--assistant-prefix", "Sure,");
    assertEquals(
        "<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n"
            + "<|im_start|>user\nHi?<|im_end|>\n"
            + "<|im_start|>assistant\nSure,",
        r.get("text").asText());
    assertEquals("continue_final_message", r.get("mode").asText());
    assertEquals(64, r.get("template_sha256").asText().length());
  }

  @Test
  void referenceModeReproducesTheNewTurnDefectForChatMl() throws Exception {
    JsonNode r =
        renderJson(
            "--model",
            "qwen2-7b-instruct",
            "--user",
            "Hi?",
            "--assistant-prefix",
            "Sure,",
            "--reference-mode");
    assertTrue(
        r.get("text").asText().endsWith("Sure,<|im_end|>\n<|im_start|>assistant\n"),
        r.get("text").asText());
    assertEquals("reference", r.get("mode").asText());
  }

  @Test
  void llama2ContinuationHasNoEndOfTurnAfterThePrefix() throws Exception {
    JsonNode r =
        renderJson("--model", "llama2-chat-7b", "--user", "Hi?", "--assistant-prefix", "Sure,");
    assertEquals("<s>[INST] Hi? [/INST] Sure,", r.get("text").asText());
  }

  @Test
  void withoutAPrefixThePromptEndsWithTheGenerationPrompt() throws Exception {
    JsonNode r = renderJson("--model", "llama3-8b-instruct", "--user", "Hi?");
    assertTrue(
        r.get("text").asText().endsWith("<|start_header_id|>assistant<|end_header_id|>\n\n"),
        r.get("text").asText());
    assertEquals("generation_prompt", r.get("mode").asText());
  }

  @Test
  void plainOutputIsThePromptTextItself() {
    CliHarness.Result r =
        CliHarness.run(
            "template",
            "render",
            "--model",
            "zephyr-7b-beta",
            "--user",
            "Hi?",
            "--assistant-prefix",
            "Sure,");
    assertEquals(0, r.exitCode(), r.err());
    assertEquals("<|user|>\nHi?</s>\n<|assistant|>\nSure,\n", r.out());
  }

  @Test
  void unknownPresetFailsListingTheValidIds() {
    CliHarness.Result r = CliHarness.run("template", "render", "--model", "gpt-5", "--user", "Hi?");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("gpt-5") && r.err().contains("qwen2-7b-instruct"), r.err());
  }

  @Test
  void aUsersTokenizerConfigTemplateIsUsedInsteadOfTheBuiltIn() throws Exception {
    Path config = SharedFixtures.require("models/tokenizers/phi-3-mini-hf/tokenizer_config.json");
    JsonNode r =
        renderJson(
            "--model",
            "phi3-mini-128k-instruct",
            "--tokenizer-config",
            config.toString(),
            "--user",
            "Hi?",
            "--assistant-prefix",
            "Sure,");
    assertTrue(r.get("text").asText().endsWith("<|assistant|>\nSure,"), r.get("text").asText());
    assertTrue(r.get("template_id").asText().contains("tokenizer_config.json"));
  }
}
