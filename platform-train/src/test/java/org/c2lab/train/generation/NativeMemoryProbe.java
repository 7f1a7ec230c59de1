package org.c2lab.train.generation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.c2lab.core.model.GenerationRequest;
import org.c2lab.core.model.Prompt;
import org.c2lab.core.model.SamplingParams;
import org.c2lab.train.RandomLlama;
import org.c2lab.train.model.LocalModel;

/**
 * Runs at least {@code steps} decoding steps of the batched sampler on a tiny random model, in
 * short generations, and prints the resident memory ({@code VmRSS}) after a warm-up and at the end
 * as {@code rss-kb WARM END}. Run in its own JVM by {@link NativeMemoryTest}, with a fixed,
 * pre-touched heap, so that the resident size moves only with native memory.
 */
public final class NativeMemoryProbe {
  /** Single-token decoding steps per {@link #generation} (after its prefill): 50 new tokens. */
  static final int STEPS_PER_GENERATION = 49;

  private NativeMemoryProbe() {}

  public static void main(String[] args) throws Exception {
    int warmUp = Integer.parseInt(args[0]);
    int steps = Integer.parseInt(args[1]);
    Path dir = Files.createTempDirectory("c2-rss-");
    try (LocalModel model = LocalModel.open(RandomLlama.tiny().write(dir.resolve("m"), 1))) {
      BatchSampler sampler = BatchSampler.builder(model.network(), model.manager()).build();
      long seed = 0;
      for (int done = 0; done < warmUp; done += STEPS_PER_GENERATION) {
        generation(sampler, seed++);
      }
      System.gc();
      long warm = residentKb();
      for (int done = 0; done < steps; done += STEPS_PER_GENERATION) {
        generation(sampler, seed++);
      }
      System.gc();
      System.out.println("rss-kb " + warm + " " + residentKb());
    }
  }

  /** Two prompts of different lengths, two samples each: prefill, cache copy, sampling. */
  private static void generation(BatchSampler sampler, long seed) {
    SamplingParams params =
        SamplingParams.builder().temperature(1.0).topP(0.9).maxNewTokens(50).build();
    sampler.generate(
        List.of(
            GenerationRequest.of(Prompt.tokens(1, 5, 9), params, seed, seed + 1),
            GenerationRequest.of(Prompt.tokens(1, 7, 3, 30, 12), params, seed + 2, seed + 3)));
  }

  static long residentKb() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new IOException("no VmRSS in /proc/self/status");
  }
}
