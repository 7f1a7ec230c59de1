package org.c2lab.train.generation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.c2lab.core.model.FinishReason;
import org.c2lab.core.model.Generation;
import org.c2lab.core.model.GenerationRequest;
import org.c2lab.core.model.Prompt;
import org.c2lab.core.model.SamplingParams;
import org.c2lab.train.RandomLlama;
import org.c2lab.train.model.CausalLm;
import org.c2lab.train.model.KvCache;
import org.c2lab.train.model.LocalModel;
import org.c2lab.train.model.ModelConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BatchSamplerTest {
  private static final int[][] PROMPTS = {{1, 5, 9}, {1, 40, 3, 3, 17, 60, 8}, {1, 22, 7, 31, 2}};
  private static final SamplingParams SAMPLING =
      SamplingParams.builder().temperature(1.0).topP(0.95).maxNewTokens(10).build();

  private static LocalModel model;

  @BeforeAll
  static void load() throws Exception {
    Path dir = Files.createTempDirectory("c2-sampler-");
    model = LocalModel.open(RandomLlama.tiny().write(dir.resolve("m"), 5));
  }

  @AfterAll
  static void close() {
    model.close();
  }

  /** Token ids as text, "<5><9>", so that stop strings can be tested without a tokenizer. */
  private static String text(int[] ids) {
    return Arrays.stream(ids).mapToObj(i -> "<" + i + ">").collect(Collectors.joining());
  }

  private static BatchSampler.Builder sampler(CausalLm net) {
    return BatchSampler.builder(net, model.manager()).detokenizer((prompt, ids) -> text(ids));
  }

  private static List<List<Generation>> generate(List<GenerationRequest> requests) {
    return sampler(model.network()).build().generate(requests);
  }

  private static Generation one(int[] prompt, SamplingParams params, long seed) {
    return generate(List.of(GenerationRequest.of(Prompt.tokens(prompt), params, seed)))
        .get(0)
        .get(0);
  }

  private static void assertSameOutput(Generation expected, Generation actual, String what) {
    assertTrue(expected.sameOutputAs(actual), what + ": " + expected + " vs " + actual);
  }

  @Test
  void greedyRowsOfDifferentLengthsMatchTheGreedyDecoder() {
    List<GenerationRequest> requests = new ArrayList<>();
    for (int[] p : PROMPTS) {
      requests.add(GenerationRequest.of(Prompt.tokens(p), SamplingParams.greedy(12), 0));
    }
    List<List<Generation>> out = generate(requests);
    GreedyDecoder decoder = new GreedyDecoder(model.network(), model.manager());
    for (int i = 0; i < PROMPTS.length; i++) {
      long[] prompt = Arrays.stream(PROMPTS[i]).asLongStream().toArray();
      long[] expected = decoder.generate(prompt, 12, Set.of(), true).tokenIds();
      Generation g = out.get(i).get(0);
      assertArrayEquals(expected, Arrays.stream(g.tokenIds()).asLongStream().toArray());
      assertEquals(FinishReason.LENGTH, g.finishReason());
      assertEquals(new Generation.Timing(PROMPTS[i].length, 12, g.timing().nanos()), g.timing());
      assertEquals(text(g.tokenIds()), g.text());
    }
  }

  @Test
  void aSampleDependsOnlyOnItsSeedNotOnItsBatch() {
    List<List<Generation>> mixed =
        generate(
            List.of(
                GenerationRequest.of(Prompt.tokens(PROMPTS[0]), SAMPLING, 5, 6, 7),
                GenerationRequest.of(Prompt.tokens(PROMPTS[1]), SamplingParams.greedy(4), 0),
                GenerationRequest.of(Prompt.tokens(PROMPTS[2]), SAMPLING, 7, 6)));
    assertSameOutput(one(PROMPTS[0], SAMPLING, 6), mixed.get(0).get(1), "seed 6 alone");
    assertSameOutput(one(PROMPTS[2], SAMPLING, 7), mixed.get(2).get(0), "seed 7 alone");
    assertSameOutput(
        one(PROMPTS[1], SamplingParams.greedy(4), 0), mixed.get(1).get(0), "greedy alone");
  }

  @Test
  void differentSeedsGiveDifferentSamples() {
    long[] seeds = {1, 2, 3, 4, 5, 6, 7, 8};
    List<Generation> eight =
        generate(List.of(GenerationRequest.of(Prompt.tokens(PROMPTS[0]), SAMPLING, seeds))).get(0);
    Set<String> texts = new HashSet<>();
    eight.forEach(g -> texts.add(g.text()));
    assertTrue(texts.size() >= 4, texts.toString());
  }

  @Test
  void samplesOfAPromptShareOnePrefill() {
    List<Shape> inputs = new ArrayList<>();
    CausalLm recording = new Recording(model.network(), inputs);
    BatchSampler s = sampler(recording).build();
    s.generate(
        List.of(
            GenerationRequest.of(Prompt.tokens(PROMPTS[0]), SAMPLING, 1, 2, 3, 4),
            GenerationRequest.of(Prompt.tokens(PROMPTS[1]), SAMPLING, 5, 6)));
    // One prefill of both prompts (padded to 7), then one token per sample and step.
    assertEquals(new Shape(2, 7), inputs.get(0));
    assertEquals(new Shape(6, 1), inputs.get(1));
    assertEquals(10, inputs.size(), "10 new tokens: a prefill and 9 steps " + inputs);
  }

  @Test
  void stopTokensEndASampleAndAreNotReturned() {
    int[] free = one(PROMPTS[1], SamplingParams.greedy(8), 0).tokenIds();
    int stop = free[3];
    int first = Arrays.stream(free).boxed().toList().indexOf(stop);
    SamplingParams params =
        SamplingParams.greedy(8).toBuilder().stopTokenIds(List.of(stop)).build();
    Generation g = one(PROMPTS[1], params, 0);
    assertArrayEquals(Arrays.copyOf(free, first), g.tokenIds());
    assertEquals(FinishReason.STOP, g.finishReason());
    assertEquals(first + 1, g.timing().generatedTokens(), "the stop token was generated");

    Generation eos =
        sampler(model.network())
            .endOfTextIds(Set.of(stop))
            .build()
            .generate(
                List.of(
                    GenerationRequest.of(Prompt.tokens(PROMPTS[1]), SamplingParams.greedy(8), 0)))
            .get(0)
            .get(0);
    assertSameOutput(g, eos, "an end-of-text id stops like a stop token");
  }

  @Test
  void stopStringsCutTheTextBeforeTheirFirstOccurrence() {
    Generation free = one(PROMPTS[2], SamplingParams.greedy(8), 0);
    int[] ids = free.tokenIds();
    String stop = "<" + ids[2] + ">";
    int at = free.text().indexOf(stop);
    SamplingParams params = SamplingParams.greedy(8).toBuilder().stopStrings(List.of(stop)).build();
    Generation g = one(PROMPTS[2], params, 0);
    assertEquals(free.text().substring(0, at), g.text());
    assertEquals(FinishReason.STOP, g.finishReason());
    assertEquals(text(g.tokenIds()), g.text());

    // A stop string that starts inside a token: the token is not returned, its text in part is.
    String inside = ids[1] + "><" + ids[2];
    int cut = free.text().indexOf(inside);
    Generation g2 =
        one(
            PROMPTS[2],
            SamplingParams.greedy(8).toBuilder().stopStrings(List.of(inside)).build(),
            0);
    assertEquals(free.text().substring(0, cut), g2.text());
    assertTrue(g2.text().startsWith(text(g2.tokenIds())), g2.toString());
  }

  @Test
  void finishedRowsLeaveTheOthersUnchanged() {
    // Two of four rows stop early, so the cache is compacted to the two live rows.
    int[] a = one(PROMPTS[0], SamplingParams.greedy(10), 0).tokenIds();
    int[] b = one(PROMPTS[1], SamplingParams.greedy(10), 0).tokenIds();
    List<GenerationRequest> requests =
        List.of(
            GenerationRequest.of(
                Prompt.tokens(PROMPTS[0]),
                SamplingParams.greedy(10).toBuilder().stopTokenIds(List.of(a[1])).build(),
                0),
            GenerationRequest.of(Prompt.tokens(PROMPTS[2]), SAMPLING, 3, 4),
            GenerationRequest.of(
                Prompt.tokens(PROMPTS[1]),
                SamplingParams.greedy(10).toBuilder().stopTokenIds(List.of(b[2])).build(),
                0));
    List<List<Generation>> together = generate(requests);
    for (int r = 0; r < requests.size(); r++) {
      List<Generation> alone = generate(List.of(requests.get(r))).get(0);
      for (int s = 0; s < alone.size(); s++) {
        assertSameOutput(alone.get(s), together.get(r).get(s), "request " + r + " sample " + s);
      }
    }
    assertEquals(FinishReason.STOP, together.get(0).get(0).finishReason());
  }

  @Test
  void batchesSmallerThanTheRequestGiveTheSameSamples() {
    GenerationRequest request =
        GenerationRequest.of(Prompt.tokens(PROMPTS[1]), SAMPLING, 1, 2, 3, 4, 5);
    List<Generation> wide = generate(List.of(request)).get(0);
    List<Generation> narrow =
        sampler(model.network()).maxRows(2).build().generate(List.of(request)).get(0);
    for (int s = 0; s < wide.size(); s++) {
      assertSameOutput(wide.get(s), narrow.get(s), "sample " + s);
    }
    assertNotEquals(wide.get(0).text(), wide.get(1).text());
  }

  @Test
  void invalidPromptsAreRejectedBeforeAnythingRuns() {
    BatchSampler s = sampler(model.network()).build();
    assertThrows(
        IllegalArgumentException.class,
        () -> s.generate(List.of(GenerationRequest.of(Prompt.text("hi"), SAMPLING, 1))));
    assertThrows(
        IllegalArgumentException.class,
        () -> s.generate(List.of(GenerationRequest.of(Prompt.tokens(), SAMPLING, 1))));
    assertThrows(
        IllegalArgumentException.class,
        () -> s.generate(List.of(GenerationRequest.of(Prompt.tokens(1, 64), SAMPLING, 1))));
    SamplingParams tooLong = SAMPLING.toBuilder().maxNewTokens(254).build();
    assertThrows(
        IllegalArgumentException.class,
        () -> s.generate(List.of(GenerationRequest.of(Prompt.tokens(1, 2, 3), tooLong, 1))));
    SamplingParams stops = SAMPLING.toBuilder().stopStrings(List.of("x")).build();
    BatchSampler noText = BatchSampler.builder(model.network(), model.manager()).build();
    assertThrows(
        IllegalArgumentException.class,
        () -> noText.generate(List.of(GenerationRequest.of(Prompt.tokens(1), stops, 1))));
  }

  /** Records the shape of every input a model is given. */
  private record Recording(CausalLm model, List<Shape> inputs) implements CausalLm {
    @Override
    public ModelConfig config() {
      return model.config();
    }

    @Override
    public KvCache newCache(int batchSize, int capacity) {
      return model.newCache(batchSize, capacity);
    }

    @Override
    public NDArray forward(NDArray inputIds, KvCache cache, boolean lastOnly) {
      return forward(inputIds, null, cache, lastOnly);
    }

    @Override
    public NDArray forward(NDArray inputIds, int[] leftPadding, KvCache cache, boolean lastOnly) {
      inputs.add(inputIds.getShape());
      return model.forward(inputIds, leftPadding, cache, lastOnly);
    }

    @Override
    public void close() {}
  }
}
