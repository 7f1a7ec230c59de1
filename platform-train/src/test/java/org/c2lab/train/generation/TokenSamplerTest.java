package org.c2lab.train.generation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.c2lab.core.model.SamplingParams;
import org.junit.jupiter.api.Test;

class TokenSamplerTest {
  private static final int DRAWS = 20_000;

  private static TokenSampler.Row row(float... probabilities) {
    return new TokenSampler.Row(-1, probabilities, 0, probabilities.length);
  }

  /** How often each token is drawn in {@link #DRAWS} picks. */
  private static double[] frequencies(TokenSampler sampler, TokenSampler.Row row, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] f = new double[row.vocab()];
    for (int i = 0; i < DRAWS; i++) {
      f[sampler.pick(row, random)] += 1.0 / DRAWS;
    }
    return f;
  }

  private static void assertFrequencies(double[] expected, double[] actual) {
    for (int i = 0; i < expected.length; i++) {
      // 4 standard deviations of a binomial frequency.
      double sd = Math.sqrt(expected[i] * (1 - expected[i]) / DRAWS);
      assertEquals(
          expected[i], actual[i], 4 * sd + 1e-12, "token " + i + ": " + Arrays.toString(actual));
    }
  }

  @Test
  void paramsChooseTheStrategy() {
    assertInstanceOf(TokenSampler.Greedy.class, TokenSampler.of(SamplingParams.greedy(4)));
    TokenSampler s = TokenSampler.of(SamplingParams.c2Eval());
    assertEquals(new TokenSampler.Random(0.8, 0, 0.7), s);
  }

  @Test
  void greedyReturnsTheArgmaxWithoutTouchingTheRandomStream() {
    SplittableRandom random = new SplittableRandom(1);
    TokenSampler.Row r = new TokenSampler.Row(3, null, 0, 5);
    assertEquals(3, new TokenSampler.Greedy().pick(r, random));
    assertEquals(new SplittableRandom(1).nextLong(), random.nextLong());
  }

  @Test
  void untruncatedSamplingFollowsTheProbabilities() {
    float[] p = {0.5f, 0.3f, 0.15f, 0.05f};
    double[] f = frequencies(new TokenSampler.Random(1, 0, 1), row(p), 7);
    assertFrequencies(new double[] {0.5, 0.3, 0.15, 0.05}, f);
  }

  @Test
  void topPKeepsTheSmallestPrefixReachingTheMassAndRenormalises() {
    float[] p = {0.15f, 0.5f, 0.05f, 0.3f};
    // Sorted: 0.5 (id 1), 0.3 (id 3) reach 0.8 >= 0.7; ids 0 and 2 are cut.
    double[] f = frequencies(new TokenSampler.Random(1, 0, 0.7), row(p), 8);
    assertFrequencies(new double[] {0, 0.625, 0, 0.375}, f);
  }

  @Test
  void topPIsMeasuredWithinTheTopKLikeTransformers() {
    float[] p = {0.4f, 0.3f, 0.2f, 0.1f};
    // Top-2 renormalised: 0.571, 0.429; top-p 0.5 then keeps only id 0. Without the
    // renormalisation 0.4 < 0.5 would keep ids 0 and 1.
    double[] f = frequencies(new TokenSampler.Random(1, 2, 0.5), row(p), 9);
    assertFrequencies(new double[] {1, 0, 0, 0}, f);
  }

  @Test
  void topKKeepsTheKMostProbableAndRanksTiesByLowerId() {
    float[] p = {0.1f, 0.3f, 0.3f, 0.3f};
    double[] f = frequencies(new TokenSampler.Random(1, 2, 1), row(p), 10);
    assertFrequencies(new double[] {0, 0.5, 0.5, 0}, f);
  }

  @Test
  void aFlatLargeVocabularyKeepsExactlyTheNucleus() {
    float[] p = new float[5000];
    Arrays.fill(p, 1f / 5000);
    TokenSampler s = new TokenSampler.Random(1, 0, 0.5);
    SplittableRandom random = new SplittableRandom(11);
    int max = 0;
    for (int i = 0; i < DRAWS; i++) {
      max = Math.max(max, s.pick(row(p), random));
    }
    // Equal probabilities rank by id, and 2500 of them reach half the mass (with float rounding
    // of 1/5000 the 2500th may fall just short, hence one token of slack).
    assertTrue(max >= 2400 && max <= 2500, "largest id drawn " + max);
  }

  /** The definition, by a full sort: top-k, then the smallest prefix reaching topP of its mass. */
  private static int[] naiveKept(float[] p, int topK, double topP) {
    Integer[] order = new Integer[p.length];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, (a, b) -> p[a] != p[b] ? Float.compare(p[b], p[a]) : Integer.compare(a, b));
    int k = topK == 0 ? p.length : Math.min(topK, p.length);
    double massK = 0;
    for (int i = 0; i < k; i++) {
      massK += p[order[i]];
    }
    int keep = k;
    double mass = 0;
    for (int i = 0; i < k && topP < 1; i++) {
      mass += p[order[i]];
      if (mass >= topP * massK) {
        keep = i + 1;
        break;
      }
    }
    return Arrays.stream(order, 0, keep).mapToInt(Integer::intValue).sorted().toArray();
  }

  @Test
  void theKeptSetIsTheSortedDefinitionForFlatAndPeakedDistributions() {
    SplittableRandom random = new SplittableRandom(13);
    for (double spread : new double[] {0.05, 1, 4}) {
      float[] p = new float[3000];
      double sum = 0;
      for (int i = 0; i < p.length; i++) {
        p[i] = (float) Math.exp(spread * random.nextGaussian());
        sum += p[i];
      }
      for (int i = 0; i < p.length; i++) {
        p[i] = (float) (p[i] / sum);
      }
      for (int topK : new int[] {0, 1, 40, 2999}) {
        for (double topP : new double[] {0.3, 0.7, 0.95}) {
          int[] kept = new TokenSampler.Random(1, topK, topP).keptIds(row(p));
          int[] expected = naiveKept(p, topK, topP);
          // Masses are summed in another order than the sort's, so a cut may move by a token.
          assertTrue(
              Math.abs(kept.length - expected.length) <= 1,
              "spread "
                  + spread
                  + " k "
                  + topK
                  + " p "
                  + topP
                  + ": "
                  + kept.length
                  + " vs "
                  + expected.length);
          int[] shorter = kept.length <= expected.length ? kept : expected;
          int[] longer = kept.length <= expected.length ? expected : kept;
          assertTrue(Arrays.stream(shorter).allMatch(id -> Arrays.binarySearch(longer, id) >= 0));
        }
      }
    }
  }

  @Test
  void picksReadOnlyTheirOwnRowOfTheBatch() {
    float[] batch = {1, 0, 0, 0, 0, 0, 0, 1};
    TokenSampler s = new TokenSampler.Random(1, 0, 1);
    SplittableRandom random = new SplittableRandom(12);
    for (int i = 0; i < 100; i++) {
      assertEquals(0, s.pick(new TokenSampler.Row(-1, batch, 0, 4), random));
      assertEquals(3, s.pick(new TokenSampler.Row(-1, batch, 4, 4), random));
    }
  }

  @Test
  void theSameSeedDrawsTheSameTokens() {
    float[] p = {0.25f, 0.25f, 0.25f, 0.25f};
    TokenSampler s = new TokenSampler.Random(1, 0, 0.9);
    SplittableRandom a = new SplittableRandom(42);
    SplittableRandom b = new SplittableRandom(42);
    for (int i = 0; i < 200; i++) {
      assertEquals(s.pick(row(p), a), s.pick(row(p), b));
    }
  }

  @Test
  void invalidParametersAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> new TokenSampler.Random(0, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> new TokenSampler.Random(1, -1, 1));
    assertThrows(IllegalArgumentException.class, () -> new TokenSampler.Random(1, 0, 0));
  }
}
