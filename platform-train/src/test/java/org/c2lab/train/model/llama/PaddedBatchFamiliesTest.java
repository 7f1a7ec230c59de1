package org.c2lab.train.model.llama;

import static org.c2lab.train.model.llama.LogitsAssert.assertClose;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.c2lab.train.model.CausalLm;
import org.c2lab.train.model.KvCache;
import org.c2lab.train.model.LocalModel;
import org.c2lab.train.safetensors.DType;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Left-padded batches in every family: each row, at every position and through cached steps,
 * computes what its prompt computes alone (sliding windows, biases, fused projections and partial
 * rotary included).
 */
class PaddedBatchFamiliesTest {
  private static final long[][] PROMPTS = {
    {1, 5, 9}, {1, 7, 3, 30, 12, 5, 9, 2, 17}, {1, 22, 7, 31}
  };
  private static final long[] NEXT = {11, 12, 13, 14};

  @TempDir Path dir;

  private static TinyCheckpoints.Spec spec(int kvHeads, boolean bias) {
    return new TinyCheckpoints.Spec(
        32, 2, 4, kvHeads, 40, 40, DType.F32, false, false, bias, 10000, null);
  }

  static Stream<Arguments> families() {
    return Stream.of(
        Arguments.of("Llama, GQA", spec(2, false)),
        Arguments.of(
            "Mistral, sliding window 4",
            spec(2, false).as("MistralForCausalLM", "{\"sliding_window\": 4}")),
        Arguments.of("Qwen2, q/k/v biases", spec(4, false).as("Qwen2ForCausalLM", null)),
        Arguments.of(
            "Phi-3, fused projections, sliding window 5",
            spec(4, false).as("Phi3ForCausalLM", "{\"sliding_window\": 5}")),
        Arguments.of(
            "GLM, partial interleaved rotary",
            spec(2, true).as("GlmForCausalLM", "{\"partial_rotary_factor\": 0.5}")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("families")
  void paddedRowsComputeWhatEachPromptComputesAlone(String name, TinyCheckpoints.Spec spec)
      throws Exception {
    try (LocalModel model = LocalModel.open(TinyCheckpoints.write(dir.resolve("m"), spec, 3))) {
      CausalLm net = model.network();
      NDManager nd = model.manager();
      int width = 0;
      for (long[] p : PROMPTS) {
        width = Math.max(width, p.length);
      }
      int[] padding = new int[PROMPTS.length];
      long[] ids = new long[PROMPTS.length * width];
      for (int b = 0; b < PROMPTS.length; b++) {
        padding[b] = width - PROMPTS[b].length;
        System.arraycopy(PROMPTS[b], 0, ids, b * width + padding[b], PROMPTS[b].length);
      }
      float[][][] batched = new float[NEXT.length][PROMPTS.length][];
      try (KvCache cache = net.newCache(PROMPTS.length, width + NEXT.length)) {
        try (NDScope scope = new NDScope()) {
          scope.suppressNotUsedWarning();
          NDArray all =
              net.forward(nd.create(ids, new Shape(PROMPTS.length, width)), padding, cache, false);
          for (int b = 0; b < PROMPTS.length; b++) {
            NDArray alone =
                net.forward(nd.create(PROMPTS[b]).reshape(1, PROMPTS[b].length), null, false);
            for (int t = 0; t < PROMPTS[b].length; t++) {
              assertClose(
                  alone.get(new NDIndex("0, {}, :", t)).toFloatArray(),
                  all.get(new NDIndex("{}, {}, :", b, padding[b] + t)).toFloatArray(),
                  name + ", row " + b + ", position " + t);
            }
          }
        }
        for (int step = 0; step < NEXT.length; step++) {
          try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray logits =
                net.forward(
                    nd.full(new Shape(PROMPTS.length, 1), NEXT[step]), padding, cache, true);
            for (int b = 0; b < PROMPTS.length; b++) {
              batched[step][b] = logits.get(new NDIndex("{}, :", b)).toFloatArray();
            }
          }
        }
      }
      for (int b = 0; b < PROMPTS.length; b++) {
        long[] p = PROMPTS[b];
        try (KvCache cache = net.newCache(1, p.length + NEXT.length);
            NDScope scope = new NDScope()) {
          scope.suppressNotUsedWarning();
          net.forward(nd.create(p).reshape(1, p.length), cache, true);
          for (int step = 0; step < NEXT.length; step++) {
            NDArray logits = net.forward(nd.full(new Shape(1, 1), NEXT[step]), cache, true);
            assertClose(
                logits.toFloatArray(),
                batched[step][b],
                name + ", row " + b + ", cached step " + step);
          }
        }
      }
    }
  }
}
