package org.c2lab.core.model;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Generate {@code n} samples for one prompt. Sample i is drawn with {@code seeds.get(i)}: a sample
 * depends only on its prompt, parameters and seed, never on its position in a batch, so a resumed
 * job regenerates exactly the paths it lost.
 *
 * @param prompt text or token ids
 * @param params decoding parameters
 * @param n samples to draw, >= 1
 * @param seeds one seed per sample
 */
public record GenerationRequest(Prompt prompt, SamplingParams params, int n, List<Long> seeds) {
  public GenerationRequest {
    Objects.requireNonNull(prompt, "prompt");
    Objects.requireNonNull(params, "params");
    if (n < 1) {
      throw new IllegalArgumentException("n must be >= 1, was " + n);
    }
    seeds = List.copyOf(seeds);
    if (seeds.size() != n) {
      throw new IllegalArgumentException("need one seed per sample: n=" + n + ", seeds=" + seeds);
    }
  }

  /** One sample per seed. */
  public static GenerationRequest of(Prompt prompt, SamplingParams params, long... seeds) {
    return new GenerationRequest(
        prompt, params, seeds.length, Arrays.stream(seeds).boxed().toList());
  }
}
