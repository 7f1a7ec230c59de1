package org.c2lab.train.model.llama;

import static org.c2lab.train.model.llama.LogitsAssert.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import org.c2lab.train.StoriesFixture;
import org.c2lab.train.generation.GreedyDecoder;
import org.c2lab.train.model.KvCache;
import org.c2lab.train.model.LocalModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * stories260K imported from llama2.c and run by our Llama forward pass reproduces llama2.c's
 * published greedy output exactly, and its logits within 1e-4.
 */
class StoriesGreedyTest {
  private static LocalModel model;

  @BeforeAll
  static void load() throws Exception {
    model = LocalModel.open(StoriesFixture.modelDir());
  }

  @AfterAll
  static void close() {
    if (model != null) {
      model.close();
    }
  }

  @Test
  void greedyDecodingWithTheCacheReproducesTheReferenceIdsExactly() {
    GreedyDecoder decoder = new GreedyDecoder(model.network(), model.manager());
    for (StoriesFixture.Case c : StoriesFixture.cases()) {
      int newTokens = c.steps() - (c.promptIds().length - 1);
      GreedyDecoder.Result r = decoder.generate(c.promptIds(), newTokens, Set.of(1L), true);
      assertArrayEquals(c.generated(), r.tokenIds(), "prompt '" + c.prompt() + "'");
      assertEquals(GreedyDecoder.FinishReason.LENGTH, r.finishReason());
    }
  }

  @Test
  void greedyDecodingWithoutTheCacheGivesTheSameIds() {
    GreedyDecoder decoder = new GreedyDecoder(model.network(), model.manager());
    StoriesFixture.Case c = StoriesFixture.cases().get(1);
    int newTokens = c.steps() - (c.promptIds().length - 1);
    assertArrayEquals(
        c.generated(), decoder.generate(c.promptIds(), newTokens, Set.of(1L), false).tokenIds());
  }

  @Test
  void logitsMatchTheReferenceWithin1e4() {
    JsonNode ref = StoriesFixture.reference().get("logits_reference");
    assertClose(
        StoriesFixture.floats(ref.get("pos0_after_BOS")),
        model.nextTokenLogits(new long[] {1}),
        "after BOS");
    assertClose(
        StoriesFixture.floats(ref.get("pos1_after_403")),
        model.nextTokenLogits(new long[] {1, 403}),
        "after BOS, 403");
  }

  @Test
  void cachedStepsGiveTheLogitsOfTheFullSequence() {
    long[] prompt = StoriesFixture.cases().get(1).promptIds();
    NDManager m = model.manager();
    try (NDScope scope = new NDScope();
        KvCache cache = model.network().newCache(1, 16)) {
      scope.suppressNotUsedWarning();
      NDArray all =
          model.network().forward(m.create(prompt).reshape(1, prompt.length), null, false);
      assertEquals(prompt.length, all.getShape().get(1));
      // The first two tokens as one chunk, then one token per step.
      NDArray chunk =
          model
              .network()
              .forward(m.create(new long[] {prompt[0], prompt[1]}).reshape(1, 2), cache, false);
      assertClose(all.get(new NDIndex(":, 0:2, :")).toFloatArray(), chunk.toFloatArray(), "chunk");
      for (int i = 2; i < prompt.length; i++) {
        NDArray step =
            model.network().forward(m.create(new long[] {prompt[i]}).reshape(1, 1), cache, true);
        assertClose(
            all.get(new NDIndex(":, {}, :", i)).toFloatArray(), step.toFloatArray(), "step " + i);
      }
      assertEquals(prompt.length, cache.length());
    }
  }
}
