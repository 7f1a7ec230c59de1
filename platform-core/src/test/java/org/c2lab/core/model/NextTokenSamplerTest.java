package org.c2lab.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class NextTokenSamplerTest {
  // probabilities 0.5, 0.3, 0.15, 0.05 as logits
  private static final double[] LOGITS = {
    Math.log(0.5), Math.log(0.3), Math.log(0.15), Math.log(0.05)
  };

  private static int[] histogram(SamplingParams params, int draws) {
    Random random = new Random(1);
    int[] counts = new int[LOGITS.length];
    for (int i = 0; i < draws; i++) {
      counts[NextTokenSampler.pick(LOGITS, params, random)]++;
    }
    return counts;
  }

  @Test
  void samplesInProportionToTheSoftmaxAtTemperatureOne() {
    int n = 40_000;
    int[] counts = histogram(SamplingParams.builder().temperature(1).build(), n);
    double[] expected = {0.5, 0.3, 0.15, 0.05};
    for (int i = 0; i < expected.length; i++) {
      double sd = Math.sqrt(expected[i] * (1 - expected[i]) / n);
      assertEquals(expected[i], counts[i] / (double) n, 5 * sd, "token " + i);
    }
  }

  @Test
  void topPKeepsTheSmallestNucleusReachingP() {
    // 0.5 + 0.3 = 0.8 >= 0.7: only tokens 0 and 1 remain, renormalised to 5/8 and 3/8.
    int n = 40_000;
    int[] counts = histogram(SamplingParams.builder().temperature(1).topP(0.7).build(), n);
    assertEquals(0, counts[2] + counts[3]);
    assertEquals(0.625, counts[0] / (double) n, 5 * Math.sqrt(0.625 * 0.375 / n));
  }

  @Test
  void topKOfOneIsGreedy() {
    int[] counts = histogram(SamplingParams.builder().temperature(2).topK(1).build(), 1000);
    assertArrayEquals(new int[] {1000, 0, 0, 0}, counts);
  }

  @Test
  void lowTemperatureSharpensAndHighTemperatureFlattens() {
    double[] cold = NextTokenSampler.softmax(LOGITS, 0.25);
    double[] hot = NextTokenSampler.softmax(LOGITS, 4);
    assertTrue(cold[0] > 0.85, "cold " + cold[0]);
    assertTrue(hot[0] < 0.35 && hot[3] > 0.15, "hot " + hot[0] + " " + hot[3]);
    // T = 0.5 squares the probabilities before renormalising: 0.25 / (0.25+0.09+0.0225+0.0025)
    assertEquals(0.25 / 0.365, NextTokenSampler.softmax(LOGITS, 0.5)[0], 1e-12);
  }

  @Test
  void greedyPicksTheArgmax() {
    assertEquals(0, NextTokenSampler.pick(LOGITS, SamplingParams.greedy(1), new Random(3)));
  }
}
