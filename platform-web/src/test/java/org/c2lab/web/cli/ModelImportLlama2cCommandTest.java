package org.c2lab.web.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.c2lab.core.testing.SharedFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelImportLlama2cCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  private static String model() {
    return SharedFixtures.require("models/stories260K/stories260K.bin").toString();
  }

  private static String tokenizer() {
    return SharedFixtures.require("models/stories260K/tok512.bin").toString();
  }

  /** Runs {@code model import-llama2c} on the given model file into {@code out}. */
  private static CliHarness.Result importTo(String modelFile, Path out, String... extra) {
    String[] base = {
      "model",
      "import-llama2c",
      "--model",
      modelFile,
      "--tokenizer",
      tokenizer(),
      "--out",
      out.toString()
    };
    String[] args = Arrays.copyOf(base, base.length + extra.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return CliHarness.run(args);
  }

  @Test
  void importsStories260kAndDescribesItAsJson() throws Exception {
    Path out = dir.resolve("stories260K");
    CliHarness.Result r = importTo(model(), out, "--json");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode s = JSON.readTree(r.out());
    assertEquals("LlamaForCausalLM", s.get("architecture").asText());
    assertEquals(47, s.get("tensors").asInt());
    assertEquals(512, s.get("vocabSize").asInt());
    assertEquals(4, s.get("keyValueHeads").asInt());
    assertTrue(s.get("tiedEmbeddings").asBoolean());
    assertEquals(64, s.get("modelSha256").asText().length());
    for (String f :
        new String[] {
          "config.json",
          "model.safetensors",
          "tokenizer.json",
          "tokenizer_config.json",
          "generation_config.json",
          "provenance.json"
        }) {
      assertTrue(Files.exists(out.resolve(f)), f);
    }
  }

  @Test
  void tableNamesTheShapeAndHashes() {
    CliHarness.Result r = importTo(model(), dir.resolve("m"));
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("heads 8 (kv 4)"), r.out());
    assertTrue(r.out().contains("model sha256"), r.out());
  }

  @Test
  void nonEmptyOutputFolderIsBadInput() throws Exception {
    Files.writeString(dir.resolve("keep.txt"), "x");
    CliHarness.Result r = importTo(model(), dir);
    assertEquals(CliErrors.BAD_INPUT, r.exitCode());
    assertEquals("", r.out());
    assertTrue(r.err().contains("not empty"), r.err());
  }

  @Test
  void forceReplacesAnEarlierImportButNeverAnotherFolder() throws Exception {
    Path out = dir.resolve("m");
    assertEquals(0, importTo(model(), out).exitCode());
    assertEquals(0, importTo(model(), out, "--force").exitCode(), "re-import over our own output");
    Files.writeString(dir.resolve("keep.txt"), "x");
    CliHarness.Result r = importTo(model(), dir, "--force");
    assertEquals(CliErrors.BAD_INPUT, r.exitCode(), "a folder that is not an import is kept");
    assertTrue(Files.exists(dir.resolve("keep.txt")));
  }

  @Test
  void truncatedModelIsReportedByFileName() throws Exception {
    Path cut = dir.resolve("cut.bin");
    byte[] bytes = Files.readAllBytes(Path.of(model()));
    Files.write(cut, Arrays.copyOf(bytes, 1000));
    CliHarness.Result r = importTo(cut.toString(), dir.resolve("m"));
    assertEquals(CliErrors.BAD_INPUT, r.exitCode());
    assertTrue(r.err().startsWith("error: cut.bin: 1000 bytes"), r.err());
    assertTrue(Files.notExists(dir.resolve("m")), "nothing is created for bad input");
  }
}
