package org.c2lab.train.generation;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.c2lab.core.model.SamplingParams;

/**
 * How one sequence's next token is picked from the model's output: {@link Greedy} (argmax) or
 * {@link Random} (temperature, top-k, top-p). The batched loop computes, for the whole batch at
 * once on the device, each row's argmax and, when some row samples, its softmax at that row's
 * {@link #temperature()}; a strategy then picks from its row on the CPU with the sample's own
 * random stream, so a sample never depends on the other rows of its batch.
 */
public sealed interface TokenSampler permits TokenSampler.Greedy, TokenSampler.Random {

  /** The strategy {@code params} ask for. */
  static TokenSampler of(SamplingParams params) {
    return params.greedy()
        ? new Greedy()
        : new Random(params.temperature(), params.topK(), params.topP());
  }

  /** Whether {@link #pick} reads the row's probabilities (else only its argmax). */
  boolean usesProbabilities();

  /** The temperature the row's probabilities are computed at; 1 when unused. */
  double temperature();

  /** The next token of one row; {@code random} is the sample's own stream. */
  int pick(Row row, SplittableRandom random);

  /**
   * One row of a step's output.
   *
   * @param argmax the index of the row's largest logit (the first one on ties)
   * @param probabilities {@code softmax(logits / temperature)} of the batch, row-major, or null
   *     when no row of the batch samples
   * @param offset where this row starts in {@code probabilities}
   * @param vocab the row's length
   */
  record Row(int argmax, float[] probabilities, int offset, int vocab) {}

  /** The most probable token; the seed plays no part. */
  record Greedy() implements TokenSampler {
    @Override
    public boolean usesProbabilities() {
      return false;
    }

    @Override
    public double temperature() {
      return 1;
    }

    @Override
    public int pick(Row row, SplittableRandom random) {
      return row.argmax();
    }
  }

  /**
   * Sampling from {@code softmax(logits / temperature)} truncated as transformers and vLLM do:
   * first to the {@code topK} most probable tokens (0: no cut), then, renormalised within those, to
   * the smallest most-probable prefix whose mass reaches {@code topP}. Ties in probability rank the
   * lower id first. The draw walks the kept tokens in id order with one {@code nextDouble()} per
   * token (so the untruncated case needs no sort).
   */
  record Random(double temperature, int topK, double topP) implements TokenSampler {
    public Random {
      if (!(temperature > 0) || topK < 0 || !(topP > 0 && topP <= 1)) {
        throw new IllegalArgumentException(
            "temperature " + temperature + ", topK " + topK + ", topP " + topP);
      }
    }

    @Override
    public boolean usesProbabilities() {
      return true;
    }

    @Override
    public int pick(Row row, SplittableRandom random) {
      float[] p = row.probabilities();
      int off = row.offset();
      int vocab = row.vocab();
      int k = topK == 0 ? vocab : Math.min(topK, vocab);
      if (k == vocab && topP >= 1) {
        return drawAll(p, off, vocab, random);
      }
      return draw(p, off, kept(p, off, vocab, k), random);
    }

    /** Ids of the kept tokens, ascending. */
    private int[] kept(float[] p, int off, int vocab, int k) {
      long[] top = mostProbable(p, off, vocab, k);
      int n = Math.min(k, top.length);
      double massTopK = 0;
      for (int i = 0; i < n; i++) {
        massTopK += p[off + id(top[i])];
      }
      int keep = n;
      if (topP < 1) {
        double mass = 0;
        for (int i = 0; i < n; i++) {
          mass += p[off + id(top[i])];
          if (mass >= topP * massTopK) {
            keep = i + 1;
            break;
          }
        }
      }
      int[] ids = new int[keep];
      for (int i = 0; i < keep; i++) {
        ids[i] = id(top[i]);
      }
      Arrays.sort(ids);
      return ids;
    }

    /**
     * The most probable tokens in rank order, enough to hold the top {@code k} (when k limits) or a
     * mass of at least topP. Only tokens above a falling threshold are sorted: everything above a
     * threshold outranks everything below it, so the sorted set is an exact prefix of the ranking.
     */
    private long[] mostProbable(float[] p, int off, int vocab, int k) {
      boolean kLimits = k < vocab;
      float threshold = 1f / vocab;
      while (true) {
        int count = 0;
        double mass = 0;
        for (int i = 0; i < vocab; i++) {
          float v = p[off + i];
          if (v >= threshold) {
            count++;
            mass += v;
          }
        }
        boolean enough = kLimits ? count >= k : mass >= topP;
        if (enough || threshold == 0) {
          long[] keys = new long[count];
          int j = 0;
          for (int i = 0; i < vocab; i++) {
            float v = p[off + i];
            if (v >= threshold) {
              keys[j++] = rankKey(v, i);
            }
          }
          Arrays.sort(keys);
          return keys;
        }
        threshold = threshold < 1e-30f ? 0 : threshold / 16;
      }
    }

    /** Sorts by probability descending, then id ascending (probabilities are >= 0). */
    private static long rankKey(float probability, int id) {
      return ((long) (Integer.MAX_VALUE - Float.floatToIntBits(probability)) << 32) | id;
    }

    private static int id(long rankKey) {
      return (int) rankKey;
    }

    private static int drawAll(float[] p, int off, int vocab, SplittableRandom random) {
      double total = 0;
      for (int i = 0; i < vocab; i++) {
        total += p[off + i];
      }
      double u = random.nextDouble() * total;
      int last = 0;
      for (int i = 0; i < vocab; i++) {
        if (p[off + i] > 0) {
          last = i;
          u -= p[off + i];
          if (u < 0) {
            return i;
          }
        }
      }
      return last; // u landed on the rounding remainder
    }

    private static int draw(float[] p, int off, int[] ids, SplittableRandom random) {
      double total = 0;
      for (int id : ids) {
        total += p[off + id];
      }
      double u = random.nextDouble() * total;
      for (int id : ids) {
        u -= p[off + id];
        if (u < 0) {
          return id;
        }
      }
      // u landed on the rounding remainder: the last token with any mass.
      for (int i = ids.length - 1; i > 0; i--) {
        if (p[off + ids[i]] > 0) {
          return ids[i];
        }
      }
      return ids[0];
    }
  }
}
