package org.c2lab.train.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.c2lab.core.data.PreferencePair;
import org.c2lab.train.TinyModel;
import org.c2lab.train.model.LocalModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Response-only log-probs of a padded batch against a per-sequence, per-token computation. */
class SequenceLogpsTest {
  @TempDir Path dir;

  private static final List<PreferencePair> PAIRS =
      List.of(
          PreferencePair.of(
              "How do I water a fern?", "Keep the soil damp, not wet.", "Pour a bucket on it."),
          PreferencePair.of(
              "Name a colour.", "Teal.", "I would rather describe the ocean at dusk."),
          PreferencePair.of(
              "Tell me about the moon in one long sentence please", "It orbits the earth.", "No."));

  @Test
  void batchedResponseLogpsEqualANaivePerTokenSum() throws Exception {
    try (LocalModel model = LocalModel.open(TinyModel.write(dir.resolve("m"), 3))) {
      ResponseEncoder encoder =
          new ResponseEncoder(
              model.tokenizer().orElseThrow(),
              PromptFormat.forModel(model.dir(), null),
              Truncation.DEFAULT);
      List<TokenizedSequence> rows = new ArrayList<>();
      for (PreferencePair p : PAIRS) {
        TokenizedPair t = encoder.pair(p);
        rows.add(t.chosen());
        rows.add(t.rejected());
      }
      SequenceBatch batch = new SequenceBatch(rows, 0);
      float[] batched;
      try (NDScope scope = new NDScope()) {
        scope.suppressNotUsedWarning();
        batched = SequenceLogps.of(model.network(), batch, model.manager()).toFloatArray();
      }
      assertEquals(rows.size(), batched.length);
      for (int r = 0; r < rows.size(); r++) {
        double naive = naive(model, rows.get(r));
        assertEquals(naive, batched[r], 1e-4 * Math.max(1, Math.abs(naive)), "row " + r);
        assertTrue(naive < 0);
      }
    }
  }

  @Test
  void logitSumsCoverEveryVocabularyEntryAtResponsePositionsOnly() throws Exception {
    try (LocalModel model = LocalModel.open(TinyModel.write(dir.resolve("m"), 3))) {
      ResponseEncoder encoder =
          new ResponseEncoder(
              model.tokenizer().orElseThrow(),
              PromptFormat.forModel(model.dir(), null),
              Truncation.DEFAULT);
      List<TokenizedSequence> rows = new ArrayList<>();
      for (PreferencePair p : PAIRS) {
        rows.add(encoder.pair(p).rejected()); // different lengths: padding must not count
      }
      SequenceBatch batch = new SequenceBatch(rows, 0);
      try (NDScope scope = new NDScope()) {
        scope.suppressNotUsedWarning();
        SequenceLogps.Scored scored = SequenceLogps.scored(model.network(), batch, model.manager());
        float[] plain = SequenceLogps.of(model.network(), batch, model.manager()).toFloatArray();
        assertArrayEquals(plain, scored.logps().toFloatArray(), 1e-6f);
        double[] sums = scored.logitSums();
        for (int r = 0; r < rows.size(); r++) {
          double naive = naiveLogitSum(model, rows.get(r));
          assertEquals(naive, sums[r], 1e-4 * Math.max(1, Math.abs(naive)), "row " + r);
        }
        long vocab =
            model
                .network()
                .forward(model.manager().create(new long[][] {{1}}), null, false)
                .getShape()
                .get(2);
        assertEquals(vocab, scored.vocab());
      }
    }
  }

  @Test
  void responseStartsAfterTheTemplatesGenerationPromptAndEndsWithItsEndOfTurn() throws Exception {
    try (LocalModel model = LocalModel.open(TinyModel.write(dir.resolve("m"), 3))) {
      var tok = model.tokenizer().orElseThrow();
      PromptFormat format = PromptFormat.forModel(model.dir(), null);
      ResponseEncoder encoder = new ResponseEncoder(tok, format, Truncation.DEFAULT);
      TokenizedPair t = encoder.pair(PAIRS.get(0));
      long[] prompt = tok.encode("<s>Q: How do I water a fern?\nA:", false);
      assertArrayEquals(prompt, asLongs(t.chosen().prompt()));
      assertArrayEquals(t.chosen().prompt(), t.rejected().prompt());
      assertEquals(1, t.chosen().prompt()[0]); // BOS once, from the template
      int[] response = t.chosen().response();
      assertEquals(2, response[response.length - 1]); // </s> closes the turn
      assertEquals(
          "Keep the soil damp, not wet.</s>", // the decoder strips the leading space
          tok.decode(asLongs(response), false));
    }
  }

  @Test
  void longPairsKeepThePromptEndAndAreCounted() throws Exception {
    try (LocalModel model = LocalModel.open(TinyModel.write(dir.resolve("m"), 3))) {
      PromptFormat format = PromptFormat.forModel(model.dir(), null);
      ResponseEncoder encoder =
          new ResponseEncoder(model.tokenizer().orElseThrow(), format, new Truncation(24, 8));
      TokenizedPair shortPair = encoder.pair(PreferencePair.of("Hi", "Yes.", "No."));
      TokenizedPair longPair = encoder.pair(PAIRS.get(2));
      TokenizedPair full =
          new ResponseEncoder(model.tokenizer().orElseThrow(), format, Truncation.DEFAULT)
              .pair(PAIRS.get(2));
      assertTrue(!shortPair.truncated() && longPair.truncated());
      int[] fullPrompt = full.chosen().prompt();
      int[] kept = longPair.chosen().prompt();
      assertEquals(8, kept.length);
      assertArrayEquals(
          java.util.Arrays.copyOfRange(fullPrompt, fullPrompt.length - 8, fullPrompt.length), kept);
      assertEquals(16, longPair.chosen().response().length);
      assertTrue(longPair.chosen().length() <= 24 && longPair.rejected().length() <= 24);
    }
  }

  private static long[] asLongs(int[] ids) {
    long[] out = new long[ids.length];
    for (int i = 0; i < ids.length; i++) {
      out[i] = ids[i];
    }
    return out;
  }

  /** Runs one unpadded sequence and sums, in double precision, the logits predicting responses. */
  private static double naiveLogitSum(LocalModel model, TokenizedSequence s) {
    long[] ids = s.ids();
    double sum = 0;
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      NDArray out =
          model.network().forward(model.manager().create(ids).reshape(1, ids.length), null, false);
      for (int t = s.prompt().length; t < ids.length; t++) {
        for (float v : out.get(new NDIndex("0, {}, :", t - 1)).toFloatArray()) {
          sum += v;
        }
      }
    }
    return sum;
  }

  /** Runs one unpadded sequence and sums log-softmax in double precision over response labels. */
  private static double naive(LocalModel model, TokenizedSequence s) {
    long[] ids = s.ids();
    float[][] logits = new float[ids.length][];
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      NDArray out =
          model.network().forward(model.manager().create(ids).reshape(1, ids.length), null, false);
      for (int t = 0; t < ids.length; t++) {
        logits[t] = out.get(new NDIndex("0, {}, :", t)).toFloatArray();
      }
    }
    int promptLength = s.prompt().length;
    double sum = 0;
    for (int t = promptLength; t < ids.length; t++) {
      float[] row = logits[t - 1];
      double max = Double.NEGATIVE_INFINITY;
      for (float v : row) {
        max = Math.max(max, v);
      }
      double z = 0;
      for (float v : row) {
        z += Math.exp(v - max);
      }
      sum += row[(int) ids[t]] - max - Math.log(z);
    }
    return sum;
  }
}
