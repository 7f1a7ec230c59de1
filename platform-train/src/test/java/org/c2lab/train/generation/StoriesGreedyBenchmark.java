package org.c2lab.train.generation;

import java.util.Arrays;
import java.util.Set;
import org.c2lab.train.StoriesFixture;
import org.c2lab.train.model.LocalModel;

/**
 * Benchmark, not a test: greedy decoding speed of stories260K (batch 1, 256 new tokens after BOS),
 * with and without the KV cache. Prints medians; see docs/benchmarks.md for the command.
 */
public final class StoriesGreedyBenchmark {
  private StoriesGreedyBenchmark() {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    try (LocalModel model = LocalModel.open(StoriesFixture.modelDir())) {
      GreedyDecoder decoder = new GreedyDecoder(model.network(), model.manager());
      long[] bos = {1};
      for (int i = 0; i < 3; i++) {
        decoder.generate(bos, 256, Set.of(), true); // warm-up (JIT, OpenMP pool)
      }
      double[] cached = new double[runs];
      for (int i = 0; i < runs; i++) {
        cached[i] = decoder.generate(bos, 256, Set.of(), true).tokensPerSecond();
      }
      double[] uncached = new double[Math.max(1, runs / 3)];
      for (int i = 0; i < uncached.length; i++) {
        uncached[i] = decoder.generate(bos, 256, Set.of(), false).tokensPerSecond();
      }
      System.out.printf(
          "stories260K greedy, batch 1, 256 new tokens: KV cache %.0f tok/s (median of %d),"
              + " no cache %.0f tok/s (median of %d)%n",
          median(cached), cached.length, median(uncached), uncached.length);
    }
  }

  private static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    return v[v.length / 2];
  }
}
