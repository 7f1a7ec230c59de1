package org.c2lab.core.model;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Picks a next token from logits the way serving stacks do: argmax when greedy; otherwise softmax
 * of logits / temperature, then top-k, then top-p (nucleus) truncation, renormalise and draw.
 */
final class NextTokenSampler {
  private NextTokenSampler() {}

  static int pick(double[] logits, SamplingParams params, Random random) {
    if (params.greedy()) {
      return argmax(logits);
    }
    double[] probs = softmax(logits, params.temperature());
    Integer[] order =
        IntStream.range(0, probs.length)
            .boxed()
            .sorted(Comparator.comparingDouble((Integer i) -> -probs[i]).thenComparing(i -> i))
            .toArray(Integer[]::new);
    int keep = params.topK() == 0 ? order.length : Math.min(params.topK(), order.length);
    // Nucleus: the smallest prefix of the sorted tokens whose mass reaches topP.
    double mass = 0;
    for (int i = 0; i < keep; i++) {
      mass += probs[order[i]];
      if (mass >= params.topP()) {
        keep = i + 1;
        break;
      }
    }
    double total = 0;
    for (int i = 0; i < keep; i++) {
      total += probs[order[i]];
    }
    double u = random.nextDouble() * total;
    for (int i = 0; i < keep; i++) {
      u -= probs[order[i]];
      if (u < 0) {
        return order[i];
      }
    }
    return order[keep - 1]; // u landed on the rounding remainder
  }

  static double[] softmax(double[] logits, double temperature) {
    double max = Arrays.stream(logits).max().orElseThrow();
    double[] p = new double[logits.length];
    double sum = 0;
    for (int i = 0; i < logits.length; i++) {
      p[i] = Math.exp((logits[i] - max) / temperature); // shift by max: no overflow
      sum += p[i];
    }
    for (int i = 0; i < p.length; i++) {
      p[i] /= sum;
    }
    return p;
  }

  static int argmax(double[] logits) {
    int best = 0;
    for (int i = 1; i < logits.length; i++) {
      if (logits[i] > logits[best]) {
        best = i;
      }
    }
    return best;
  }
}
