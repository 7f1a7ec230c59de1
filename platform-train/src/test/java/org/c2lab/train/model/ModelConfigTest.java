package org.c2lab.train.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelConfigTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  /** Llama-3.1-8B-Instruct's config.json, abridged to the fields we read. */
  static final String LLAMA31 =
      """
      {"architectures": ["LlamaForCausalLM"], "attention_bias": false, "bos_token_id": 128000,
       "eos_token_id": [128001, 128008, 128009], "hidden_act": "silu", "hidden_size": 4096,
       "intermediate_size": 14336, "max_position_embeddings": 131072, "model_type": "llama",
       "num_attention_heads": 32, "num_hidden_layers": 32, "num_key_value_heads": 8,
       "rms_norm_eps": 1e-05, "rope_scaling": {"factor": 8.0, "low_freq_factor": 1.0,
       "high_freq_factor": 4.0, "original_max_position_embeddings": 8192, "rope_type": "llama3"},
       "rope_theta": 500000.0, "tie_word_embeddings": false, "torch_dtype": "bfloat16",
       "vocab_size": 128256}
      """;

  private Path write(String json) throws Exception {
    return Files.writeString(dir.resolve("config.json"), json);
  }

  private ObjectNode llama31() throws Exception {
    return (ObjectNode) JSON.readTree(LLAMA31);
  }

  private ConfigException fails(ObjectNode json) throws Exception {
    Path f = write(json.toString());
    return assertThrows(ConfigException.class, () -> ModelConfig.read(f));
  }

  @Test
  void readsARealLlama31Config() throws Exception {
    ModelConfig c = ModelConfig.read(write(LLAMA31));
    assertEquals("LlamaForCausalLM", c.architecture());
    assertEquals(4096, c.hiddenSize());
    assertEquals(8, c.numKeyValueHeads());
    assertEquals(4, c.groupSize());
    assertEquals(128, c.headDim());
    assertEquals(1e-5, c.rmsNormEps());
    assertEquals(500000.0, c.ropeTheta());
    assertEquals("llama3", c.ropeScaling().type());
    assertEquals(8.0, c.ropeScaling().number("factor"));
    assertEquals(List.of(128001, 128008, 128009), c.eosTokenIds());
    assertEquals(128000, c.bosTokenId());
    assertEquals("bfloat16", c.torchDtype());
  }

  @Test
  void absentOptionalFieldsTakeLlamaConfigDefaults() throws Exception {
    ModelConfig c =
        ModelConfig.read(
            write(
                """
                {"architectures": ["LlamaForCausalLM"], "hidden_size": 64,
                 "intermediate_size": 172, "num_hidden_layers": 5, "num_attention_heads": 8,
                 "vocab_size": 512}"""));
    assertEquals(8, c.numKeyValueHeads());
    assertEquals(8, c.headDim());
    assertEquals(1e-6, c.rmsNormEps());
    assertEquals(10000.0, c.ropeTheta());
    assertNull(c.ropeScaling());
    assertEquals(2048, c.maxPositionEmbeddings());
    assertEquals(List.of(), c.eosTokenIds());
    assertEquals("float32", c.torchDtype());
  }

  @Test
  void writtenConfigReadsBackEqual() throws Exception {
    ModelConfig c = ModelConfig.read(write(LLAMA31));
    Path other = Files.createDirectory(dir.resolve("copy"));
    assertEquals(c, ModelConfig.read(c.write(other)));
  }

  @Test
  void headsThatDoNotDivideTheHiddenSizeNameTheFileAndField() throws Exception {
    ObjectNode j = llama31();
    j.put("num_attention_heads", 30);
    ConfigException e = fails(j);
    assertEquals(
        "config.json: num_attention_heads: 30 does not divide hidden_size 4096", e.getMessage());
  }

  @Test
  void kvHeadsMustDivideQueryHeads() throws Exception {
    ObjectNode j = llama31();
    j.put("num_key_value_heads", 6);
    assertEquals("num_key_value_heads", fails(j).field());
  }

  @Test
  void missingRequiredFieldIsNamed() throws Exception {
    ObjectNode j = llama31();
    j.remove("vocab_size");
    ConfigException e = fails(j);
    assertEquals("config.json: vocab_size: is required", e.getMessage());
  }

  @Test
  void wrongTypesAreNamed() throws Exception {
    ObjectNode j = llama31();
    j.put("hidden_size", "4096");
    assertEquals("hidden_size", fails(j).field());
    j = llama31();
    j.put("rms_norm_eps", -1.0);
    assertEquals("rms_norm_eps", fails(j).field());
    j = llama31();
    j.put("tie_word_embeddings", "no");
    assertEquals("tie_word_embeddings", fails(j).field());
    j = llama31();
    j.putArray("architectures");
    assertEquals("architectures", fails(j).field());
    j = llama31();
    j.put("rope_scaling", 2);
    assertEquals("rope_scaling", fails(j).field());
  }

  @Test
  void tokenIdsOutsideTheVocabularyAreRejected() throws Exception {
    ObjectNode j = llama31();
    j.put("bos_token_id", 128256);
    assertEquals("bos_token_id", fails(j).field());
  }

  @Test
  void invalidJsonNamesTheFile() throws Exception {
    Path f = write("{\"hidden_size\": ");
    ConfigException e = assertThrows(ConfigException.class, () -> ModelConfig.read(f));
    assertTrue(e.getMessage().startsWith("config.json: <json>: not valid JSON"), e.getMessage());
  }

  @Test
  void slidingWindowCountsOnlyWhenNotSwitchedOff() throws Exception {
    ObjectNode j = llama31();
    j.put("sliding_window", 4096);
    assertEquals(4096, ModelConfig.fromJson(j).slidingWindow());
    j.put("use_sliding_window", false);
    assertNull(ModelConfig.fromJson(j).slidingWindow(), "Qwen2 keeps the field but ignores it");
    j.remove("use_sliding_window");
    j.putNull("sliding_window");
    assertNull(ModelConfig.fromJson(j).slidingWindow(), "Mistral v0.2 writes null");
  }

  @Test
  void partialRotaryFactorMustLeaveAnEvenNumberOfRotaryDimensions() throws Exception {
    ObjectNode j = llama31();
    j.put("partial_rotary_factor", 0.5);
    assertEquals(64, ModelConfig.fromJson(j).rotaryDim());
    j.put("partial_rotary_factor", 1.5);
    assertEquals("partial_rotary_factor", fails(j).field());
    j.put("partial_rotary_factor", 0.01);
    ConfigException e = fails(j);
    assertTrue(e.problem().contains("= 1 rotary dimensions"), e.getMessage());
  }

  @Test
  void glmAndPhi3FieldsSurviveAWriteAndRead() throws Exception {
    ObjectNode j = llama31();
    j.put("partial_rotary_factor", 0.5);
    j.put("sliding_window", 2047);
    j.put("original_max_position_embeddings", 4096);
    ModelConfig c = ModelConfig.fromJson(j);
    Path other = Files.createDirectory(dir.resolve("copy"));
    assertEquals(c, ModelConfig.read(c.write(other)));
  }

  private ModelConfig readAs(String architecture, String extra) throws Exception {
    ObjectNode j =
        (ObjectNode)
            JSON.readTree(
                """
                {"hidden_size": 64, "intermediate_size": 172, "num_hidden_layers": 2,
                 "num_attention_heads": 8, "vocab_size": 512}""");
    j.putArray("architectures").add(architecture);
    JSON.readTree(extra).fields().forEachRemaining(e -> j.set(e.getKey(), e.getValue()));
    return ModelFamilies.readConfig(write(j.toString()));
  }

  @Test
  void absentFieldsTakeTheFamilysTransformersDefaults() throws Exception {
    ModelConfig glm = readAs("GlmForCausalLM", "{}");
    assertTrue(glm.attentionBias());
    assertEquals(128, glm.headDim());
    assertEquals(64, glm.rotaryDim());
    assertEquals(2, glm.numKeyValueHeads());
    assertEquals(1.5625e-07, glm.rmsNormEps());
    assertEquals(4096, readAs("MistralForCausalLM", "{}").slidingWindow());
    assertNull(
        readAs("MistralForCausalLM", "{\"sliding_window\": null}").slidingWindow(),
        "an explicit null is not absent (Mistral v0.2)");
    assertNull(readAs("Qwen2ForCausalLM", "{\"sliding_window\": 8}").slidingWindow());
    assertEquals(4096, readAs("Phi3ForCausalLM", "{}").originalMaxPositionEmbeddings());
    ModelConfig llama = readAs("LlamaForCausalLM", "{}");
    assertEquals(8, llama.headDim());
    assertEquals(1e-6, llama.rmsNormEps());
    assertNull(llama.slidingWindow());
  }
}
