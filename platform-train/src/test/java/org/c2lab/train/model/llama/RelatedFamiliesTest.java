package org.c2lab.train.model.llama;

import static org.c2lab.train.model.llama.LogitsAssert.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.c2lab.core.preset.ModelPreset;
import org.c2lab.core.preset.ModelPresets;
import org.c2lab.train.model.CausalLm;
import org.c2lab.train.model.ConfigException;
import org.c2lab.train.model.KvCache;
import org.c2lab.train.model.LocalModel;
import org.c2lab.train.model.ModelConfig;
import org.c2lab.train.model.ModelFamilies;
import org.c2lab.train.model.ModelFamily;
import org.c2lab.train.model.glm.GlmFamily;
import org.c2lab.train.model.mistral.MistralFamily;
import org.c2lab.train.model.phi3.Phi3Family;
import org.c2lab.train.model.qwen2.Qwen2Family;
import org.c2lab.train.safetensors.DType;
import org.c2lab.train.safetensors.SafetensorsCheckpoint;
import org.c2lab.train.safetensors.SafetensorsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Mistral, Qwen2, Phi-3 and GLM on DJL against the plain-Java reference. */
class RelatedFamiliesTest {
  private static final long[] IDS = {1, 7, 3, 30, 12, 5, 9, 2, 17};
  private static final String LONGROPE =
      "{\"original_max_position_embeddings\": %d, \"rope_scaling\": {\"type\": \"%s\","
          + " \"short_factor\": [1.0, 1.5, 2.0, 3.0], \"long_factor\": [2.0, 4.0, 8.0, 16.0]}}";

  @TempDir Path dir;

  /** hidden 32, heads 4 (head size 8), the given kv heads, intermediate 40, vocab 40. */
  private static TinyCheckpoints.Spec spec(
      int kvHeads, DType dtype, boolean sharded, boolean tied, boolean bias, double theta) {
    return new TinyCheckpoints.Spec(
        32, 2, 4, kvHeads, 40, 40, dtype, sharded, tied, bias, theta, null);
  }

  static Stream<Arguments> checkpoints() {
    return Stream.of(
        Arguments.of(
            "Mistral F32, GQA, sliding window 4 < 9 tokens",
            spec(2, DType.F32, false, false, false, 10000)
                .as("MistralForCausalLM", "{\"sliding_window\": 4}")),
        Arguments.of(
            "Mistral BF16, sharded, window null",
            spec(4, DType.BF16, true, false, false, 10000)
                .as("MistralForCausalLM", "{\"sliding_window\": null}")),
        Arguments.of(
            "Mistral F16, tied, window 8 < 9 tokens",
            spec(2, DType.F16, false, true, false, 10000)
                .as("MistralForCausalLM", "{\"sliding_window\": 8}")),
        Arguments.of(
            "Qwen2 F32, MHA, q/k/v biases",
            spec(4, DType.F32, false, false, false, 1e6).as("Qwen2ForCausalLM", null)),
        Arguments.of(
            "Qwen2 F16, tied, q/k/v biases, theta 1e6",
            spec(2, DType.F16, false, true, false, 1e6)
                .as("Qwen2ForCausalLM", "{\"use_sliding_window\": false, \"sliding_window\": 8}")),
        Arguments.of(
            "Qwen2 BF16, sharded, untied",
            spec(1, DType.BF16, true, false, false, 1e6).as("Qwen2ForCausalLM", null)),
        Arguments.of(
            "Phi-3 F32, fused qkv/gate_up, sliding window 5",
            spec(4, DType.F32, false, false, false, 10000)
                .as("Phi3ForCausalLM", "{\"sliding_window\": 5}")),
        Arguments.of(
            "Phi-3 F16, GQA, longrope short factors and attention factor",
            spec(2, DType.F16, false, false, false, 10000)
                .as("Phi3ForCausalLM", String.format(LONGROPE, 16, "longrope"))),
        Arguments.of(
            "Phi-3 BF16, sharded, 'su' rope scaling",
            spec(4, DType.BF16, true, false, false, 10000)
                .as("Phi3ForCausalLM", String.format(LONGROPE, 32, "su"))),
        Arguments.of(
            "GLM F32, GQA, q/k/v biases, partial interleaved rotary",
            spec(2, DType.F32, false, false, true, 10000)
                .as("GlmForCausalLM", "{\"partial_rotary_factor\": 0.5}")),
        Arguments.of(
            "GLM F16, sharded, MHA, tied",
            spec(4, DType.F16, true, true, true, 10000)
                .as("GlmForCausalLM", "{\"partial_rotary_factor\": 0.5}")),
        Arguments.of(
            "GLM BF16, 4:1 GQA, full interleaved rotary, no biases",
            spec(1, DType.BF16, false, false, false, 10000).as("GlmForCausalLM", null)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("checkpoints")
  void logitsMatchTheNaiveReferenceWithAndWithoutTheCache(String name, TinyCheckpoints.Spec spec)
      throws Exception {
    Path model = TinyCheckpoints.write(dir.resolve("m"), spec, 7);
    try (LocalModel m = LocalModel.open(model);
        SafetensorsCheckpoint weights = SafetensorsCheckpoint.open(model)) {
      assertEquals(spec.architecture(), m.family().architectures().get(0));
      float[][] expected = new NaiveLlama(m.config(), weights).forward(IDS);
      try (NDScope scope = new NDScope()) {
        scope.suppressNotUsedWarning();
        NDManager nd = m.manager();
        NDArray all = m.network().forward(nd.create(IDS).reshape(1, IDS.length), null, false);
        for (int t = 0; t < IDS.length; t++) {
          assertClose(
              expected[t], all.get(new NDIndex("0, {}, :", t)).toFloatArray(), name + " @" + t);
        }
        // A prompt of 3 through the cache, then one token at a time.
        try (KvCache cache = m.network().newCache(1, IDS.length)) {
          NDArray prompt = nd.create(Arrays.copyOf(IDS, 3)).reshape(1, 3);
          assertClose(
              expected[2],
              m.network().forward(prompt, cache, true).toFloatArray(),
              name + " prompt");
          for (int t = 3; t < IDS.length; t++) {
            NDArray step =
                m.network().forward(nd.create(new long[] {IDS[t]}).reshape(1, 1), cache, true);
            assertClose(expected[t], step.toFloatArray(), name + " cached @" + t);
          }
        }
      }
    }
  }

  @Test
  void longRopeSwitchesToTheLongFactorsOnceTheSequenceOutgrowsTheOriginalContext()
      throws Exception {
    TinyCheckpoints.Spec spec =
        spec(4, DType.F32, false, false, false, 10000)
            .as("Phi3ForCausalLM", String.format(LONGROPE, 4, "longrope"));
    Path model = TinyCheckpoints.write(dir.resolve("m"), spec, 3);
    try (LocalModel m = LocalModel.open(model);
        SafetensorsCheckpoint weights = SafetensorsCheckpoint.open(model)) {
      NaiveLlama naive = new NaiveLlama(m.config(), weights);
      long[] shortIds = Arrays.copyOf(IDS, 4);
      float[][] longExpected = naive.forward(IDS);
      float[][] shortExpected = naive.forward(shortIds);
      assertClose(longExpected[8], m.nextTokenLogits(IDS), "9 positions: long factors");
      assertClose(shortExpected[3], m.nextTokenLogits(shortIds), "4 positions: short factors");
      float diff = Math.abs(longExpected[3][0] - shortExpected[3][0]);
      assertTrue(diff > 1e-3, "the regimes differ at the same position: " + diff);
    }
  }

  @Test
  void aFamilyThatOverridesOnlyItsNameRunsLlamasForwardPass() throws Exception {
    Path model =
        TinyCheckpoints.write(dir.resolve("m"), spec(2, DType.F32, false, false, true, 10000), 11);
    ModelFamily renamed =
        new LlamaFamily() {
          @Override
          public List<String> architectures() {
            return List.of("RenamedLlama");
          }
        };
    ModelConfig config = ModelConfig.read(model.resolve("config.json"));
    try (NDManager nd = Engine.getEngine("PyTorch").newBaseManager();
        SafetensorsCheckpoint weights = SafetensorsCheckpoint.open(model);
        CausalLm llama = new LlamaFamily().load(config, weights, nd);
        CausalLm other = renamed.load(config, weights, nd);
        NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      NDArray ids = nd.create(IDS).reshape(1, IDS.length);
      assertArrayEquals(
          llama.forward(ids, null, false).toFloatArray(),
          other.forward(ids, null, false).toFloatArray(),
          "attention biases, rotary halves, full attention, SwiGLU: all Llama's");
      assertEquals(
          new LlamaFamily().checkpointTensors(config).keySet(),
          renamed.checkpointTensors(config).keySet());
    }
  }

  @Test
  void mistralWithoutAWindowIsExactlyLlama() throws Exception {
    TinyCheckpoints.Spec llama = spec(2, DType.F32, false, false, false, 10000);
    Path a = TinyCheckpoints.write(dir.resolve("a"), llama, 5);
    Path b =
        TinyCheckpoints.write(
            dir.resolve("b"), llama.as("MistralForCausalLM", "{\"sliding_window\": null}"), 5);
    try (LocalModel l = LocalModel.open(a);
        LocalModel m = LocalModel.open(b)) {
      assertInstanceOf(MistralFamily.class, m.family());
      assertArrayEquals(l.nextTokenLogits(IDS), m.nextTokenLogits(IDS));
    }
  }

  @Test
  void f16WeightsAndActivationsRunOnTheCpuCloseToTheF32Reference() throws Exception {
    Path model =
        TinyCheckpoints.write(
            dir.resolve("m"),
            spec(2, DType.F16, false, false, false, 10000)
                .as("GlmForCausalLM", "{\"partial_rotary_factor\": 0.5}"),
            13);
    ModelConfig config = ModelConfig.read(model.resolve("config.json"));
    try (NDManager nd = Engine.getEngine("PyTorch").newBaseManager();
        SafetensorsCheckpoint weights = SafetensorsCheckpoint.open(model);
        CausalLm lm = new GlmFamily().load(config, weights, nd, DataType.FLOAT16);
        NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      float[][] expected = new NaiveLlama(config, weights).forward(IDS);
      NDArray logits = lm.forward(nd.create(IDS).reshape(1, IDS.length), null, true);
      assertEquals(DataType.FLOAT32, logits.getDataType(), "logits are F32 whatever the weights");
      float[] actual = logits.toFloatArray();
      float worst = 0;
      for (int i = 0; i < actual.length; i++) {
        worst = Math.max(worst, Math.abs(actual[i] - expected[IDS.length - 1][i]));
      }
      // F16 keeps ~3 significant digits; these logits are of order 1-10.
      assertTrue(worst < 0.05, "max |difference| " + worst);
      try (KvCache cache = lm.newCache(1, 4)) {
        lm.forward(nd.create(new long[] {1, 2}).reshape(1, 2), cache, true);
        assertEquals(2, cache.length());
      }
    }
  }

  @Test
  void everyArchitectureFindsItsFamilyAndEveryNameItsFamily() {
    Map<String, Class<?>> expected =
        Map.of(
            "llama", LlamaFamily.class,
            "mistral", MistralFamily.class,
            "qwen2", Qwen2Family.class,
            "phi3", Phi3Family.class,
            "glm4", GlmFamily.class);
    expected.forEach((name, type) -> assertEquals(type, ModelFamilies.byName(name).getClass()));
    assertEquals(
        List.of(
            "LlamaForCausalLM",
            "MistralForCausalLM",
            "Qwen2ForCausalLM",
            "Phi3ForCausalLM",
            "GlmForCausalLM"),
        ModelFamilies.supportedArchitectures());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ModelFamilies.byName("gpt2"));
    assertTrue(e.getMessage().contains("valid: llama, mistral, qwen2, phi3, glm4"), e.getMessage());
  }

  @Test
  void everyPresetFamilyOfThePaperHasARuntimeFamilyOfTheSameName() {
    for (ModelPreset p : ModelPresets.all()) {
      ModelFamily f = ModelFamilies.byName(p.family().name().toLowerCase(Locale.ROOT));
      assertEquals(p.family().name().toLowerCase(Locale.ROOT), f.name(), p.id());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("checkpoints")
  void theFamilyDescribesTheCheckpointLayoutItLoads(String name, TinyCheckpoints.Spec spec)
      throws Exception {
    Path model = TinyCheckpoints.write(dir.resolve("m"), spec, 1);
    ModelConfig config = ModelConfig.read(model.resolve("config.json"));
    try (SafetensorsCheckpoint weights = SafetensorsCheckpoint.open(model)) {
      Map<String, List<Long>> described =
          ModelFamilies.forConfig(config).checkpointTensors(config).entrySet().stream()
              .collect(
                  Collectors.toMap(
                      Map.Entry::getKey, e -> Arrays.stream(e.getValue()).boxed().toList()));
      Map<String, List<Long>> written =
          weights.names().stream().collect(Collectors.toMap(n -> n, n -> weights.info(n).shape()));
      assertEquals(written, described, name);
    }
  }

  @Test
  void fusedTensorOfTheWrongSizeIsNamedAsTheFileHasIt() throws Exception {
    Path model =
        TinyCheckpoints.write(
            dir.resolve("m"),
            spec(4, DType.F32, false, false, false, 10000).as("Phi3ForCausalLM", null),
            1);
    String config = Files.readString(model.resolve("config.json"));
    Files.writeString(
        model.resolve("config.json"),
        config.replace("\"num_key_value_heads\":4", "\"num_key_value_heads\":2"));
    SafetensorsException e = assertThrows(SafetensorsException.class, () -> LocalModel.open(model));
    assertEquals("model.layers.0.self_attn.qkv_proj.weight", e.tensor().orElseThrow());
    assertTrue(
        e.problem().contains("shape [96, 32] but config.json implies 64 rows (32 q_proj + 16"),
        e.getMessage());
  }

  @Test
  void qwen2WithItsSlidingWindowSwitchedOnIsRefused() throws Exception {
    Path model =
        TinyCheckpoints.write(
            dir.resolve("m"),
            spec(2, DType.F32, false, true, false, 1e6)
                .as("Qwen2ForCausalLM", "{\"use_sliding_window\": true, \"sliding_window\": 4}"),
            1);
    ConfigException e = assertThrows(ConfigException.class, () -> LocalModel.open(model));
    assertEquals("config.json", e.file());
    assertEquals("use_sliding_window", e.field());
  }
}
