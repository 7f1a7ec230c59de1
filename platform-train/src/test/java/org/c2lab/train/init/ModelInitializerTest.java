package org.c2lab.train.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.c2lab.core.preset.ModelPresets;
import org.c2lab.core.provenance.Provenance;
import org.c2lab.train.model.LocalModel;
import org.c2lab.train.model.ModelFamilies;
import org.c2lab.train.model.ModelFamily;
import org.c2lab.train.safetensors.DType;
import org.c2lab.train.safetensors.SafetensorsCheckpoint;
import org.c2lab.train.tokenizer.SentencePieceBpe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelInitializerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  /** A 40-token SentencePiece BPE tokenizer.json with Llama's <unk>, <s>, </s>. */
  static Path tokenizer(Path dir) throws IOException {
    List<String> pieces = new ArrayList<>(List.of("<unk>", "<s>", "</s>", "\u2581"));
    for (char c = 'a'; c <= 'z'; c++) {
      pieces.add(String.valueOf(c));
    }
    pieces.addAll(List.of("\u2581a", "\u2581t", "th", "he", "in", "er", "an", "re", "on", "at"));
    float[] scores = new float[pieces.size()];
    for (int i = 30; i < scores.length; i++) {
      scores[i] = -i;
    }
    Path file = dir.resolve("tokenizer.json");
    JSON.writeValue(file.toFile(), new SentencePieceBpe(pieces, scores, 0, 1, 2).toTokenizerJson());
    return file;
  }

  private InitSpec.Builder spec(String family, DType dtype, Path out) throws IOException {
    return InitSpec.builder()
        .family(ModelFamilies.byName(family))
        .shape(32, 2, 4, 2, 48)
        .maxPositions(64)
        .tokenizer(tokenizer(dir))
        .dtype(dtype)
        .seed(7)
        .out(out);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"llama, F32", "mistral, BF16", "qwen2, F16", "phi3, F32", "glm4, BF16"})
  void everyFamilyInitialisesAModelThatLoadsAndRuns(String family, DType dtype) throws Exception {
    Path out = dir.resolve(family);
    ModelInitializer.Result r = ModelInitializer.write(spec(family, dtype, out).build());
    ModelFamily f = ModelFamilies.byName(family);
    assertEquals(f.architectures().get(0), r.config().architecture());
    assertEquals(40, r.config().vocabSize(), "the tokenizer decides the vocabulary");
    try (SafetensorsCheckpoint w = SafetensorsCheckpoint.open(out)) {
      assertEquals(f.checkpointTensors(r.config()).keySet(), w.names());
      assertTrue(w.names().stream().allMatch(n -> w.info(n).dtype() == dtype));
    }
    try (LocalModel m = LocalModel.open(out)) {
      assertEquals(f, m.family());
      float[] logits = m.nextTokenLogits(m.tokenizer().orElseThrow().encode("the cat", true));
      assertEquals(40, logits.length);
      for (float v : logits) {
        assertTrue(Float.isFinite(v));
      }
    }
    for (String file :
        List.of(
            "config.json",
            "model.safetensors",
            "tokenizer.json",
            "tokenizer_config.json",
            "generation_config.json",
            "provenance.json")) {
      assertTrue(Files.exists(out.resolve(file)), file);
    }
  }

  @Test
  void theSameSeedWritesTheSameBytesAndAnotherSeedOthers() throws Exception {
    String a =
        ModelInitializer.write(spec("qwen2", DType.F16, dir.resolve("a")).build()).weightsSha256();
    String b =
        ModelInitializer.write(spec("qwen2", DType.F16, dir.resolve("b")).build()).weightsSha256();
    String c =
        ModelInitializer.write(spec("qwen2", DType.F16, dir.resolve("c")).seed(8).build())
            .weightsSha256();
    assertEquals(a, b);
    assertNotEquals(a, c);
  }

  @Test
  void matricesAreNormalWithStd002NormsOneBiasesZero() throws Exception {
    Path out = dir.resolve("m");
    ModelInitializer.write(spec("qwen2", DType.F32, out).shape(64, 1, 4, 4, 128).build());
    try (SafetensorsCheckpoint w = SafetensorsCheckpoint.open(out)) {
      float[] up = w.readFloats("model.layers.0.mlp.up_proj.weight");
      double sum = 0;
      double squares = 0;
      for (float v : up) {
        sum += v;
        squares += (double) v * v;
      }
      double mean = sum / up.length;
      double std = Math.sqrt(squares / up.length - mean * mean);
      assertEquals(0, mean, 0.001);
      assertEquals(0.02, std, 0.001);
      for (float v : w.readFloats("model.layers.0.input_layernorm.weight")) {
        assertEquals(1f, v);
      }
      for (float v : w.readFloats("model.layers.0.self_attn.q_proj.bias")) {
        assertEquals(0f, v);
      }
    }
  }

  @Test
  void aPresetSuppliesTheChatTemplateAndSpecialTokens() throws Exception {
    Path out = dir.resolve("m");
    var preset = ModelPresets.get("llama2-chat-7b");
    ModelInitializer.Result r =
        ModelInitializer.write(
            spec("llama", DType.F32, out).template(TemplateChoice.of(preset)).build());
    JsonNode tc = JSON.readTree(out.resolve("tokenizer_config.json").toFile());
    assertEquals(preset.chatTemplate().source(), tc.get("chat_template").asText());
    assertEquals("<s>", tc.get("bos_token").asText());
    assertEquals("</s>", tc.get("eos_token").asText());
    assertTrue(tc.get("add_bos_token").asBoolean());
    JsonNode gc = JSON.readTree(out.resolve("generation_config.json").toFile());
    assertEquals(2, gc.get("eos_token_id").asInt());
    assertEquals(1, gc.get("bos_token_id").asInt());
    assertEquals(List.of(2), r.stopTokenIds());
    Provenance p = Provenance.readFrom(out.resolve("provenance.json"));
    assertEquals(7L, p.seed());
    assertEquals("model-init", p.notes().get("kind"));
    assertEquals("preset:llama2-chat-7b", p.config().get("chat_template").asText());
  }

  @Test
  void withoutATemplateTheTokenizersUsualTokensAreUsed() throws Exception {
    Path out = dir.resolve("m");
    ModelInitializer.Result r = ModelInitializer.write(spec("glm4", DType.F32, out).build());
    assertEquals("<s>", r.bosToken());
    assertEquals("</s>", r.eosToken());
    assertFalse(JSON.readTree(out.resolve("tokenizer_config.json").toFile()).has("chat_template"));
  }

  @Test
  void aPresetWhoseEosTheTokenizerLacksIsRefusedBeforeAnythingIsWritten() throws Exception {
    Path out = dir.resolve("m");
    InitSpec s =
        spec("qwen2", DType.F32, out)
            .template(TemplateChoice.of(ModelPresets.get("qwen2-0.5b-instruct")))
            .build();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ModelInitializer.write(s));
    assertEquals(
        "EOS token '<|im_end|>' (from preset:qwen2-0.5b-instruct) is not in tokenizer.json; use a"
            + " tokenizer that has it",
        e.getMessage());
    assertFalse(Files.exists(out));
  }

  @Test
  void sizesTheFamilyCannotRunAreRejectedNamingTheField() throws Exception {
    InitSpec s = spec("llama", DType.F32, dir.resolve("m")).shape(30, 1, 4, 4, 8).build();
    var e = assertThrows(IllegalArgumentException.class, () -> ModelInitializer.write(s));
    assertTrue(
        e.getMessage().contains("num_attention_heads: 4 does not divide hidden_size 30"),
        e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> spec("llama", DType.F32, dir.resolve("m")).shape(32, 0, 4, 4, 8).build());
  }

  @Test
  void aNonEmptyFolderIsRefused() throws Exception {
    Files.writeString(dir.resolve("keep.txt"), "x");
    IOException e =
        assertThrows(
            IOException.class, () -> ModelInitializer.write(spec("llama", DType.F32, dir).build()));
    assertTrue(e.getMessage().endsWith("output folder is not empty"), e.getMessage());
  }
}
