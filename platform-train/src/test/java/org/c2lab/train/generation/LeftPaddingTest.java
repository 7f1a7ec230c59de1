package org.c2lab.train.generation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import org.c2lab.train.RandomLlama;
import org.c2lab.train.model.CausalLm;
import org.c2lab.train.model.KvCache;
import org.c2lab.train.model.LocalModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A left-padded batch row computes exactly what its prompt computes alone, with and without cache.
 */
class LeftPaddingTest {
  private static final float TOLERANCE = 1e-5f;
  private static final long[][] PROMPTS = {{1, 5, 9}, {1, 40, 3, 3, 17, 60, 8}, {1, 22, 7, 31, 2}};
  private static final long[] NEXT = {11, 12, 13};

  private static Path dir;
  private static LocalModel model;

  @BeforeAll
  static void load() throws Exception {
    dir = Files.createTempDirectory("c2-padding-");
    model = LocalModel.open(RandomLlama.tiny().write(dir.resolve("m"), 3));
  }

  @AfterAll
  static void close() {
    model.close();
  }

  private static int width() {
    int w = 0;
    for (long[] p : PROMPTS) {
      w = Math.max(w, p.length);
    }
    return w;
  }

  private static long[] padded(int[] padding) {
    int w = width();
    long[] ids = new long[PROMPTS.length * w];
    for (int b = 0; b < PROMPTS.length; b++) {
      padding[b] = w - PROMPTS[b].length;
      System.arraycopy(PROMPTS[b], 0, ids, b * w + padding[b], PROMPTS[b].length);
    }
    return ids;
  }

  private static float[] row(NDArray logits, String index) {
    return logits.get(new NDIndex(index)).toFloatArray();
  }

  private static void assertClose(float[] expected, float[] actual, String what) {
    assertEquals(expected.length, actual.length, what);
    for (int i = 0; i < expected.length; i++) {
      assertTrue(Math.abs(expected[i] - actual[i]) <= TOLERANCE, what + " at " + i);
    }
  }

  @Test
  void paddedRowsGiveTheLogitsOfEachPromptAloneAtEveryPosition() {
    CausalLm net = model.network();
    int w = width();
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      int[] padding = new int[PROMPTS.length];
      NDArray batch =
          net.forward(
              model.manager().create(padded(padding), new Shape(PROMPTS.length, w)),
              padding,
              null,
              false);
      for (int b = 0; b < PROMPTS.length; b++) {
        long[] p = PROMPTS[b];
        NDArray alone = net.forward(model.manager().create(p).reshape(1, p.length), null, false);
        for (int t = 0; t < p.length; t++) {
          assertClose(
              row(alone, "0, " + t + ", :"),
              row(batch, b + ", " + (padding[b] + t) + ", :"),
              "row " + b + " position " + t);
        }
      }
    }
  }

  @Test
  void cachedDecodingOfPaddedRowsMatchesEachPromptAlone() {
    CausalLm net = model.network();
    int w = width();
    int[] padding = new int[PROMPTS.length];
    long[] ids = padded(padding);
    float[][][] batched = new float[NEXT.length + 1][PROMPTS.length][];
    try (KvCache cache = net.newCache(PROMPTS.length, w + NEXT.length)) {
      for (int step = 0; step <= NEXT.length; step++) {
        try (NDScope scope = new NDScope()) {
          scope.suppressNotUsedWarning();
          NDArray input =
              step == 0
                  ? model.manager().create(ids, new Shape(PROMPTS.length, w))
                  : model.manager().full(new Shape(PROMPTS.length, 1), NEXT[step - 1]);
          NDArray logits = net.forward(input, padding, cache, true);
          for (int b = 0; b < PROMPTS.length; b++) {
            batched[step][b] = row(logits, b + ", :");
          }
        }
      }
    }
    for (int b = 0; b < PROMPTS.length; b++) {
      long[] p = PROMPTS[b];
      try (KvCache cache = net.newCache(1, p.length + NEXT.length)) {
        for (int step = 0; step <= NEXT.length; step++) {
          try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            long[] feed = step == 0 ? p : new long[] {NEXT[step - 1]};
            NDArray logits =
                net.forward(model.manager().create(feed).reshape(1, feed.length), cache, true);
            assertClose(row(logits, "0, :"), batched[step][b], "row " + b + " step " + step);
          }
        }
      }
    }
  }

  @Test
  void expandedCacheRowsContinueLikeTheirSourceRow() {
    CausalLm net = model.network();
    long[] p = PROMPTS[1];
    try (NDScope scope = new NDScope();
        KvCache one = net.newCache(1, p.length + 1)) {
      scope.suppressNotUsedWarning();
      net.forward(model.manager().create(p).reshape(1, p.length), one, true);
      try (KvCache three = one.selectRows(new int[] {0, 0, 0})) {
        assertEquals(3, three.batchSize());
        assertEquals(p.length, three.length());
        NDArray next =
            net.forward(model.manager().create(new long[] {4, 4, 4}).reshape(3, 1), three, true);
        NDArray alone =
            net.forward(model.manager().create(new long[] {4}).reshape(1, 1), one, true);
        for (int b = 0; b < 3; b++) {
          assertClose(row(alone, "0, :"), row(next, b + ", :"), "copy " + b);
        }
      }
    }
  }

  @Test
  void paddingThatLeavesNoTokenIsRejected() {
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      NDArray ids = model.manager().create(new long[] {1, 2}).reshape(1, 2);
      assertThrows(
          IllegalArgumentException.class,
          () -> model.network().forward(ids, new int[] {2}, null, true));
      assertThrows(
          IllegalArgumentException.class,
          () -> model.network().forward(ids, new int[] {0, 0}, null, true));
    }
  }
}
