package org.c2lab.train.model.llama;

import static org.c2lab.train.model.llama.LogitsAssert.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.c2lab.train.model.ConfigException;
import org.c2lab.train.model.KvCache;
import org.c2lab.train.model.LocalModel;
import org.c2lab.train.safetensors.DType;
import org.c2lab.train.safetensors.SafetensorsCheckpoint;
import org.c2lab.train.safetensors.SafetensorsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Our DJL Llama against the plain-Java reference on small random checkpoints. */
class LlamaModelTest {
  private static final long[] IDS = {1, 7, 3, 30, 12, 5, 9, 2, 17};
  private static final String LLAMA3_SCALING =
      "{\"rope_type\": \"llama3\", \"factor\": 4.0, \"low_freq_factor\": 1.0,"
          + " \"high_freq_factor\": 4.0, \"original_max_position_embeddings\": 16}";

  @TempDir Path dir;

  static Stream<Arguments> checkpoints() {
    return Stream.of(
        Arguments.of(
            "F32, GQA, tied",
            new TinyCheckpoints.Spec(
                32, 2, 4, 2, 48, 40, DType.F32, false, true, false, 10000, null)),
        Arguments.of(
            "F16, MHA, untied, attention biases",
            new TinyCheckpoints.Spec(
                32, 2, 4, 4, 40, 40, DType.F16, false, false, true, 10000, null)),
        Arguments.of(
            "BF16, sharded, 4:1 GQA, llama3 rope scaling",
            new TinyCheckpoints.Spec(
                64, 2, 4, 1, 80, 40, DType.BF16, true, false, false, 500000, LLAMA3_SCALING)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("checkpoints")
  void logitsMatchTheNaiveReferenceAtEveryPosition(String name, TinyCheckpoints.Spec spec)
      throws Exception {
    Path model = TinyCheckpoints.write(dir.resolve("m"), spec, 42);
    float[][] expected;
    try (LocalModel m = LocalModel.open(model);
        SafetensorsCheckpoint weights = SafetensorsCheckpoint.open(model)) {
      expected = new NaiveLlama(m.config(), weights).forward(IDS);
      try (NDScope scope = new NDScope()) {
        scope.suppressNotUsedWarning();
        NDManager nd = m.manager();
        // Batch of two identical rows: each must equal the reference.
        long[] twice = new long[2 * IDS.length];
        System.arraycopy(IDS, 0, twice, 0, IDS.length);
        System.arraycopy(IDS, 0, twice, IDS.length, IDS.length);
        NDArray logits = m.network().forward(nd.create(twice).reshape(2, IDS.length), null, false);
        for (int row = 0; row < 2; row++) {
          for (int t = 0; t < IDS.length; t++) {
            assertClose(
                expected[t],
                logits.get(new NDIndex("{}, {}, :", row, t)).toFloatArray(),
                name + " row " + row + " position " + t);
          }
        }
        // Incremental decoding through the cache gives the same logits.
        try (KvCache cache = m.network().newCache(1, IDS.length)) {
          for (int t = 0; t < IDS.length; t++) {
            NDArray step =
                m.network().forward(nd.create(new long[] {IDS[t]}).reshape(1, 1), cache, true);
            assertClose(expected[t], step.toFloatArray(), name + " cached position " + t);
          }
        }
      }
    }
  }

  @Test
  void decodingStepsLeaveNoArraysBehind() throws Exception {
    Path model =
        TinyCheckpoints.write(
            dir.resolve("m"),
            new TinyCheckpoints.Spec(
                32, 2, 4, 2, 48, 40, DType.F32, false, true, false, 10000, null),
            1);
    try (LocalModel m = LocalModel.open(model)) {
      NDManager nd = m.manager();
      try (KvCache cache = m.network().newCache(1, 64)) {
        int before = count(nd);
        for (int step = 0; step < 60; step++) {
          try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            m.network().forward(nd.create(new long[] {step % 40}).reshape(1, 1), cache, true);
          }
        }
        assertEquals(before, count(nd), "arrays left in the model's managers after 60 steps");
      }
      // Without an NDScope the caller owns only the returned logits.
      int before = count(nd);
      try (NDArray raw = nd.create(new long[] {1, 2, 3});
          NDArray ids = raw.reshape(1, 3)) {
        m.network().forward(ids, null, true).close();
      }
      assertEquals(before, count(nd));
    }
  }

  /** A one-layer F32 model with GQA, tied or not. */
  private Path smallModel(boolean tied) throws Exception {
    return TinyCheckpoints.write(
        dir.resolve("m"),
        new TinyCheckpoints.Spec(32, 1, 4, 2, 48, 40, DType.F32, false, tied, false, 10000, null),
        1);
  }

  /** Open arrays and managers below {@code manager} (DJL keeps them in a protected map). */
  private static int count(NDManager manager) throws Exception {
    Field f = BaseNDManager.class.getDeclaredField("resources");
    f.setAccessible(true);
    int n = 0;
    for (Object r : ((Map<?, ?>) f.get(manager)).values()) {
      n += 1 + (r instanceof NDManager sub ? count(sub) : 0);
    }
    return n;
  }

  @Test
  void tensorOfAnotherShapeThanTheConfigImpliesNamesBothShapes() throws Exception {
    Path model = smallModel(false);
    String config = Files.readString(model.resolve("config.json"));
    Files.writeString(
        model.resolve("config.json"), config.replace("\"vocab_size\":40", "\"vocab_size\":41"));
    SafetensorsException e = assertThrows(SafetensorsException.class, () -> LocalModel.open(model));
    assertEquals("model.embed_tokens.weight", e.tensor().orElseThrow());
    assertTrue(
        e.problem().contains("shape [40, 32] but config.json implies [41, 32]"), e.getMessage());
  }

  @Test
  void untiedModelWithoutLmHeadFailsNamingIt() throws Exception {
    Path model = smallModel(true);
    String config = Files.readString(model.resolve("config.json"));
    Files.writeString(
        model.resolve("config.json"),
        config.replace("\"tie_word_embeddings\":true", "\"tie_word_embeddings\":false"));
    SafetensorsException e = assertThrows(SafetensorsException.class, () -> LocalModel.open(model));
    assertEquals(
        "model.safetensors: tensor 'lm_head.weight': missing; config.json implies it with"
            + " shape [40, 32]",
        e.getMessage());
  }

  @Test
  void unsupportedArchitectureAndRopeTypeAreRejectedNamingConfigJson() throws Exception {
    Path model = smallModel(true);
    String config = Files.readString(model.resolve("config.json"));
    Files.writeString(
        model.resolve("config.json"), config.replace("LlamaForCausalLM", "GPT2LMHeadModel"));
    ConfigException e = assertThrows(ConfigException.class, () -> LocalModel.open(model));
    assertTrue(
        e.getMessage()
            .startsWith("config.json: architectures: [GPT2LMHeadModel] is not" + " supported"),
        e.getMessage());
    Files.writeString(
        model.resolve("config.json"),
        config.replace(
            "\"rope_scaling\":null", "\"rope_scaling\":{\"rope_type\":\"yarn\",\"factor\":4}"));
    e = assertThrows(ConfigException.class, () -> LocalModel.open(model));
    assertEquals("config.json", e.file());
    assertEquals("rope_scaling.rope_type", e.field());
  }
}
