package org.c2lab.train.generation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.c2lab.core.model.Prompt;
import org.c2lab.core.model.Score;
import org.c2lab.core.model.ScoreRequest;
import org.c2lab.train.RandomLlama;
import org.c2lab.train.model.LocalModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SequenceScorerTest {
  private static final int[][][] CASES = {
    {{1, 5, 9}, {12, 4}},
    {{1, 40, 3, 3, 17, 60, 8}, {2}},
    {{1}, {22, 7, 31, 2, 9, 9}},
  };

  private static LocalModel model;

  @BeforeAll
  static void load() throws Exception {
    Path dir = Files.createTempDirectory("c2-scorer-");
    model = LocalModel.open(RandomLlama.tiny().write(dir.resolve("m"), 9));
  }

  @AfterAll
  static void close() {
    model.close();
  }

  private static List<ScoreRequest> requests() {
    List<ScoreRequest> out = new ArrayList<>();
    for (int[][] c : CASES) {
      out.add(new ScoreRequest(Prompt.tokens(c[0]), Prompt.tokens(c[1])));
    }
    return out;
  }

  /** log p(token | prefix) from one uncached forward pass per token, in double. */
  private static double naiveLogProb(int[] prefix, int token) {
    float[] logits = model.nextTokenLogits(Arrays.stream(prefix).asLongStream().toArray());
    double max = Double.NEGATIVE_INFINITY;
    for (float l : logits) {
      max = Math.max(max, l);
    }
    double sum = 0;
    for (float l : logits) {
      sum += Math.exp(l - max);
    }
    return logits[token] - max - Math.log(sum);
  }

  @Test
  void batchedScoresMatchTokenByTokenLogProbabilities() {
    List<Score> scores = new SequenceScorer(model.network(), model.manager()).score(requests());
    for (int r = 0; r < CASES.length; r++) {
      int[] prompt = CASES[r][0];
      int[] cont = CASES[r][1];
      Score s = scores.get(r);
      assertEquals(cont.length, s.tokens());
      for (int t = 0; t < cont.length; t++) {
        int[] prefix = Arrays.copyOf(prompt, prompt.length + t);
        System.arraycopy(cont, 0, prefix, prompt.length, t);
        assertEquals(naiveLogProb(prefix, cont[t]), s.tokenLogProbs()[t], 1e-4, "case " + r);
      }
      assertEquals(Arrays.stream(s.tokenLogProbs()).sum(), s.sum(), 1e-12);
      assertTrue(s.sum() < 0 && Double.isFinite(s.sum()));
    }
  }

  @Test
  void aBudgetOfOneRowScoresEachAloneWithTheSameResult() {
    List<Score> batched = new SequenceScorer(model.network(), model.manager()).score(requests());
    List<Score> oneByOne =
        new SequenceScorer(model.network(), model.manager(), 1).score(requests());
    for (int r = 0; r < CASES.length; r++) {
      assertEquals(batched.get(r).sum(), oneByOne.get(r).sum(), 1e-5);
    }
  }

  @Test
  void emptyPromptsAndTextAreRejected() {
    SequenceScorer s = new SequenceScorer(model.network(), model.manager());
    assertThrows(
        IllegalArgumentException.class,
        () -> s.score(List.of(new ScoreRequest(Prompt.tokens(), Prompt.tokens(3)))));
    assertThrows(
        IllegalArgumentException.class,
        () -> s.score(List.of(new ScoreRequest(Prompt.text("a"), Prompt.text("b")))));
    assertThrows(
        IllegalArgumentException.class,
        () -> s.score(List.of(new ScoreRequest(Prompt.tokens(1), Prompt.tokens(64)))));
  }
}
