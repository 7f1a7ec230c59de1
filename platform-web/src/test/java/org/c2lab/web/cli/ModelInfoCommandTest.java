package org.c2lab.web.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelInfoCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  private Path init(String family, String... extra) throws Exception {
    Path out = dir.resolve(family);
    String[] base = {
      "model",
      "init",
      "--family",
      family,
      "--hidden",
      "32",
      "--layers",
      "2",
      "--heads",
      "4",
      "--kv-heads",
      "2",
      "--intermediate",
      "48",
      "--max-positions",
      "256",
      "--dtype",
      "bf16",
      "--tokenizer",
      TinyTokenizer.write(dir).toString(),
      "--out",
      out.toString()
    };
    String[] args = java.util.Arrays.copyOf(base, base.length + extra.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    CliHarness.Result r = CliHarness.run(args);
    assertEquals(0, r.exitCode(), r.err());
    return out;
  }

  @Test
  void jsonDescribesParametersDtypesTemplateTokensFilesAndMemory() throws Exception {
    Path model = init("glm4", "--chat-template", "llama2-chat-7b");
    CliHarness.Result r =
        CliHarness.run("model", "info", model.toString(), "--json", "--context", "100");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode s = JSON.readTree(r.out());
    assertEquals("GlmForCausalLM", s.get("architecture").asText());
    assertEquals("glm4", s.get("family").asText());
    long parameters = s.get("parameters").asLong();
    assertEquals(parameters, s.get("dtypes").get("BF16").asLong());
    assertEquals(40, s.get("vocabSize").asInt());
    assertEquals(256, s.get("contextLength").asInt());
    assertEquals("llama2", s.get("chatTemplate").get("id").asText());
    assertTrue(s.get("chatTemplate").get("builtIn").asBoolean());
    assertEquals("<s>", s.get("specialTokens").get("bos").asText());
    assertEquals(2, s.get("stopTokenIds").get(0).asInt());
    assertEquals(6, s.get("files").size());
    JsonNode memory = s.get("memory");
    assertEquals(100, memory.get("context").asInt());
    assertEquals(4 * parameters, memory.get("cpu").get("weightsBytes").asLong());
    assertEquals(2 * parameters, memory.get("gpu").get("weightsBytes").asLong());
    assertEquals("F16", memory.get("gpu").get("dtype").asText());
    assertTrue(memory.get("hostAvailableBytes").asLong() > 0);
  }

  @Test
  void tableSaysNoneForAModelWithoutChatTemplate() throws Exception {
    Path model = init("mistral");
    CliHarness.Result r = CliHarness.run("model", "info", model.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("MistralForCausalLM (family mistral)"), r.out());
    assertTrue(r.out().contains("chat template   none"), r.out());
    assertTrue(r.out().contains("sliding window 4096"), r.out());
    assertTrue(r.out().contains("memory for 1 x 256 positions"), r.out());
    assertTrue(r.out().contains("  cpu F32  ~"), r.out());
    assertNotNull(
        r.out().lines().filter(l -> l.contains("model.safetensors")).findFirst().orElse(null));
  }

  @Test
  void aFolderWithoutModelIsBadInput() {
    CliHarness.Result r = CliHarness.run("model", "info", dir.resolve("absent").toString());
    assertEquals(CliErrors.BAD_INPUT, r.exitCode());
    assertTrue(r.err().startsWith("error: "), r.err());
  }
}
