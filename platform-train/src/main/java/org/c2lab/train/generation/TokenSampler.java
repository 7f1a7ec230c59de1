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
   * token.
   *
   * <p>The kept set is "every token ranked at or above a cut", so it is found without sorting the
   * vocabulary: a histogram over the probabilities' top 16 bits (sign, exponent, 7 mantissa bits)
   * finds the bucket where the cut falls, and only that bucket is sorted (O(vocabulary), about 0.1
   * ms for 32k tokens, against milliseconds for a full sort of a flat distribution).
   */
  record Random(double temperature, int topK, double topP) implements TokenSampler {
    /** Buckets of non-negative floats up to 1.0 by their top 16 bits. */
    private static final int BUCKETS = (Float.floatToIntBits(1f) >>> 16) + 1;

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
      return draw(row.probabilities(), row.offset(), row.vocab(), cut(row), random);
    }

    /** The ids the draw chooses among, ascending (for tests of the truncation). */
    int[] keptIds(Row row) {
      long cut = cut(row);
      return java.util.stream.IntStream.range(0, row.vocab())
          .filter(i -> rankKey(row.probabilities()[row.offset() + i], i) <= cut)
          .toArray();
    }

    /** The rank key of the least probable kept token: the kept set is every key up to it. */
    private long cut(Row row) {
      float[] p = row.probabilities();
      int off = row.offset();
      int vocab = row.vocab();
      long cut;
      if (topK > 0 && topK < vocab) {
        cut = cutByRank(p, off, vocab, topK);
        if (topP < 1) {
          cut = nucleusWithin(p, off, vocab, cut);
        }
      } else if (topP < 1) {
        cut = cutByMass(p, off, vocab, topP * total(p, off, vocab));
      } else {
        cut = Long.MAX_VALUE; // keep everything
      }
      return cut;
    }

    /** The rank key of the {@code k}-th most probable token. */
    private static long cutByRank(float[] p, int off, int vocab, int k) {
      int[] count = new int[BUCKETS];
      for (int i = 0; i < vocab; i++) {
        count[bucket(p[off + i])]++;
      }
      int above = 0;
      int b = BUCKETS - 1;
      while (above + count[b] < k) {
        above += count[b--];
      }
      return sortedBucket(p, off, vocab, b)[k - above - 1];
    }

    /**
     * The rank key of the last token of the smallest most-probable prefix whose mass reaches {@code
     * target}.
     */
    private static long cutByMass(float[] p, int off, int vocab, double target) {
      double[] mass = new double[BUCKETS];
      for (int i = 0; i < vocab; i++) {
        float v = p[off + i];
        mass[bucket(v)] += v;
      }
      double above = 0;
      int b = BUCKETS - 1;
      while (b > 0 && above + mass[b] < target) {
        above += mass[b--];
      }
      long[] keys = sortedBucket(p, off, vocab, b);
      for (long key : keys) {
        above += p[off + id(key)];
        if (above >= target) {
          return key;
        }
      }
      return keys.length > 0 ? keys[keys.length - 1] : Long.MAX_VALUE; // rounding: keep all
    }

    /** The nucleus cut inside the tokens ranked at or above {@code cut}, renormalised to them. */
    private long nucleusWithin(float[] p, int off, int vocab, long cut) {
      long[] keys = keysUpTo(p, off, vocab, cut);
      Arrays.sort(keys);
      double kept = 0;
      for (long key : keys) {
        kept += p[off + id(key)];
      }
      double mass = 0;
      for (long key : keys) {
        mass += p[off + id(key)];
        if (mass >= topP * kept) {
          return key;
        }
      }
      return cut;
    }

    /** Rank keys of the tokens in bucket {@code b}, sorted (most probable first). */
    private static long[] sortedBucket(float[] p, int off, int vocab, int b) {
      int n = 0;
      for (int i = 0; i < vocab; i++) {
        n += bucket(p[off + i]) == b ? 1 : 0;
      }
      long[] keys = new long[n];
      int j = 0;
      for (int i = 0; i < vocab; i++) {
        if (bucket(p[off + i]) == b) {
          keys[j++] = rankKey(p[off + i], i);
        }
      }
      Arrays.sort(keys);
      return keys;
    }

    private static long[] keysUpTo(float[] p, int off, int vocab, long cut) {
      long[] keys = new long[vocab];
      int n = 0;
      for (int i = 0; i < vocab; i++) {
        long key = rankKey(p[off + i], i);
        if (key <= cut) {
          keys[n++] = key;
        }
      }
      return Arrays.copyOf(keys, n);
    }

    private static int bucket(float probability) {
      return Math.min(BUCKETS - 1, Math.max(0, Float.floatToIntBits(probability) >>> 16));
    }

    /** Orders by probability descending, then id ascending (probabilities are >= 0). */
    private static long rankKey(float probability, int id) {
      return ((long) (Integer.MAX_VALUE - Float.floatToIntBits(probability)) << 32) | id;
    }

    private static int id(long rankKey) {
      return (int) rankKey;
    }

    private static double total(float[] p, int off, int vocab) {
      double total = 0;
      for (int i = 0; i < vocab; i++) {
        total += p[off + i];
      }
      return total;
    }

    /** Draws among the tokens ranked at or above {@code cut}, walking them in id order. */
    private static int draw(float[] p, int off, int vocab, long cut, SplittableRandom random) {
      double total = 0;
      for (int i = 0; i < vocab; i++) {
        if (rankKey(p[off + i], i) <= cut) {
          total += p[off + i];
        }
      }
      double u = random.nextDouble() * total;
      int last = -1;
      for (int i = 0; i < vocab; i++) {
        float v = p[off + i];
        if (v > 0 && rankKey(v, i) <= cut) {
          last = i;
          u -= v;
          if (u < 0) {
            return i;
          }
        }
      }
      // u landed on the rounding remainder, or every kept token has probability 0.
      return last >= 0 ? last : id(cut == Long.MAX_VALUE ? 0 : cut);
    }
  }
}
