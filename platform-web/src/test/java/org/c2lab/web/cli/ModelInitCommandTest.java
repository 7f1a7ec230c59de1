package org.c2lab.web.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.c2lab.train.model.LocalModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelInitCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  /** {@code model init} of a tiny model of {@code family} into {@code out}, plus extra flags. */
  private CliHarness.Result init(String family, Path out, String... extra) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
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
                "64",
                "--tokenizer",
                TinyTokenizer.write(dir).toString(),
                "--out",
                out.toString()));
    args.addAll(List.of(extra));
    return CliHarness.run(args.toArray(String[]::new));
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"llama, f32", "mistral, bf16", "qwen2, f16", "phi3, f32", "glm4, bf16"})
  void everyFamilyIsInitialisedAndThenLoadsAndRuns(String family, String dtype) throws Exception {
    Path out = dir.resolve(family);
    CliHarness.Result r = init(family, out, "--dtype", dtype, "--seed", "3", "--json");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode s = JSON.readTree(r.out());
    assertEquals(family, s.get("family").asText());
    assertEquals(40, s.get("vocabSize").asInt());
    assertEquals(dtype.toUpperCase(), s.get("dtype").asText());
    assertEquals("none", s.get("chatTemplate").asText());
    assertEquals("</s>", s.get("eosToken").asText());
    try (LocalModel m = LocalModel.open(out)) {
      assertEquals(s.get("architecture").asText(), m.config().architecture());
      assertEquals(40, m.nextTokenLogits(new long[] {1, 5, 9}).length);
    }
  }

  @Test
  void tableNamesTheArchitectureShapeTemplateAndHash() throws Exception {
    CliHarness.Result r = init("qwen2", dir.resolve("m"), "--chat-template", "llama2-chat-7b");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("Qwen2ForCausalLM (family qwen2)"), r.out());
    assertTrue(r.out().contains("heads 4 (kv 2)"), r.out());
    assertTrue(r.out().contains("chat template   preset:llama2-chat-7b"), r.out());
    assertTrue(r.out().contains("model sha256"), r.out());
  }

  @Test
  void anUnknownFamilyOrDtypeIsBadInputAndCreatesNothing() throws Exception {
    Path out = dir.resolve("m");
    CliHarness.Result r = init("gpt2", out);
    assertEquals(CliErrors.BAD_INPUT, r.exitCode());
    assertTrue(r.err().contains("unknown model family 'gpt2'"), r.err());
    r = init("llama", out, "--dtype", "f64");
    assertEquals(CliErrors.BAD_INPUT, r.exitCode());
    assertTrue(r.err().contains("--dtype must be f32, f16 or bf16"), r.err());
    assertFalse(Files.exists(out));
  }

  @Test
  void aTemplateWhoseEosTheTokenizerLacksIsBadInput() throws Exception {
    Path out = dir.resolve("m");
    CliHarness.Result r = init("qwen2", out, "--chat-template", "qwen2-7b-instruct");
    assertEquals(CliErrors.BAD_INPUT, r.exitCode());
    assertTrue(r.err().startsWith("error: EOS token '<|im_end|>'"), r.err());
    assertFalse(Files.exists(out));
  }

  @Test
  void forceReplacesAnEarlierModelButNotOneHoldingTheTokenizer() throws Exception {
    Path out = dir.resolve("m");
    assertEquals(0, init("llama", out).exitCode());
    assertEquals(CliErrors.BAD_INPUT, init("llama", out).exitCode(), "not empty");
    assertEquals(0, init("llama", out, "--force", "--seed", "2").exitCode());
    CliHarness.Result r =
        CliHarness.run(
            "model",
            "init",
            "--family",
            "llama",
            "--hidden",
            "32",
            "--layers",
            "1",
            "--heads",
            "4",
            "--intermediate",
            "48",
            "--tokenizer",
            out.resolve("tokenizer.json").toString(),
            "--out",
            out.toString(),
            "--force");
    assertEquals(CliErrors.BAD_INPUT, r.exitCode());
    assertTrue(r.err().contains("lies inside --out"), r.err());
    assertTrue(Files.exists(out.resolve("model.safetensors")), "the earlier model is kept");
  }

  @Test
  void aJinjaFileIsTheTemplateAndABrokenOneIsBadInput() throws Exception {
    Path good =
        Files.writeString(
            dir.resolve("chat.jinja"), "{% for m in messages %}{{ m.content }}{% endfor %}");
    CliHarness.Result r =
        init("phi3", dir.resolve("a"), "--chat-template", good.toString(), "--json");
    assertEquals(0, r.exitCode(), r.err());
    assertEquals("chat.jinja", JSON.readTree(r.out()).get("chatTemplate").asText());
    CliHarness.Result info = CliHarness.run("model", "info", dir.resolve("a").toString(), "--json");
    JsonNode template = JSON.readTree(info.out()).get("chatTemplate");
    assertEquals("tokenizer_config.json", template.get("id").asText());
    assertFalse(template.get("builtIn").asBoolean());

    Path broken = Files.writeString(dir.resolve("broken.jinja"), "{% for m in messages %}");
    r = init("phi3", dir.resolve("b"), "--chat-template", broken.toString());
    assertEquals(CliErrors.BAD_INPUT, r.exitCode(), r.err());
    assertFalse(Files.exists(dir.resolve("b")));
    r = init("phi3", dir.resolve("c"), "--chat-template", "no-such-preset");
    assertEquals(CliErrors.BAD_INPUT, r.exitCode());
    assertTrue(r.err().contains("is neither a preset"), r.err());
  }
}
