package org.c2lab.train.generation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.c2lab.core.model.GenerationRequest;
import org.c2lab.core.model.Prompt;
import org.c2lab.core.model.SamplingParams;
import org.c2lab.train.RandomLlama;
import org.c2lab.train.model.LocalModel;

/**
 * Benchmark, not a test: generation throughput of {@link BatchSampler} on random Llama models, run
 * by {@code bench/generation.sh} next to a plain PyTorch eager implementation (see
 * docs/benchmarks.md).
 *
 * <pre>
 * GenerationBenchmark write DIR 10m|100m
 * GenerationBenchmark run DIR BATCHES PROMPT_TOKENS NEW_TOKENS greedy|sampling RUNS
 * </pre>
 *
 * {@code run} prints {@code java BATCH TOKENS_PER_SECOND} per batch size: B prompts of equal
 * length, one sample each, no end-of-text id (every row generates NEW_TOKENS), median of RUNS after
 * a warm-up; time includes the prefill and every step's sampling.
 */
public final class GenerationBenchmark {
  /** ~10M parameters: hidden 256, 8 layers, GQA 8:4, vocab 8192. */
  static final RandomLlama SMALL = new RandomLlama(256, 8, 8, 4, 704, 8192, 1024, 0.02);

  /** ~106M parameters: hidden 768, 8 layers, 12 heads, vocab 32000 (Llama-2's). */
  static final RandomLlama MEDIUM = new RandomLlama(768, 8, 12, 12, 2048, 32000, 1024, 0.02);

  private GenerationBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[1]);
    if (args[0].equals("write")) {
      RandomLlama spec = args[2].equals("10m") ? SMALL : MEDIUM;
      spec.write(dir, 1);
      System.out.printf("wrote %s: %,d parameters%n", dir, spec.parameters());
      return;
    }
    int[] batches = Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt).toArray();
    int promptTokens = Integer.parseInt(args[3]);
    int newTokens = Integer.parseInt(args[4]);
    SamplingParams params =
        args[5].equals("greedy")
            ? SamplingParams.greedy(newTokens)
            : SamplingParams.builder()
                .temperature(SamplingParams.C2_EVAL_TEMPERATURE)
                .topP(SamplingParams.C2_EVAL_TOP_P)
                .maxNewTokens(newTokens)
                .build();
    int runs = Integer.parseInt(args[6]);
    try (LocalModel model = LocalModel.open(dir)) {
      BatchSampler sampler =
          BatchSampler.builder(model.network(), model.manager()).maxRows(64).build();
      int vocab = model.config().vocabSize();
      for (int batch : batches) {
        List<GenerationRequest> requests = prompts(batch, promptTokens, vocab, params);
        sampler.generate(requests); // warm-up: JIT, OpenMP pool, allocator
        double[] rates = new double[runs];
        for (int r = 0; r < runs; r++) {
          long start = System.nanoTime();
          sampler.generate(requests);
          rates[r] = (double) batch * newTokens / ((System.nanoTime() - start) / 1e9);
        }
        Arrays.sort(rates);
        System.out.printf("java %d %.1f%n", batch, rates[runs / 2]);
      }
    }
  }

  private static List<GenerationRequest> prompts(
      int batch, int length, int vocab, SamplingParams params) {
    SplittableRandom random = new SplittableRandom(batch);
    List<GenerationRequest> out = new ArrayList<>();
    for (int b = 0; b < batch; b++) {
      int[] ids = random.ints(length, 3, vocab).toArray();
      out.add(GenerationRequest.of(Prompt.tokens(ids), params, b));
    }
    return out;
  }
}
