package org.c2lab.core.model;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link LanguageModel} must show. A backend's test extends this class and
 * returns a small model from {@link #createModel()} (or skips with Assumptions when its runtime or
 * server is absent). Prompts come from {@link #prompts()}; token-level backends also supply {@link
 * #tokenPrompt()} so that the token-only checks run.
 */
public abstract class LanguageModelContract {
  /** The model under test; closed after each test. */
  protected abstract LanguageModel createModel();

  /** Three distinct prompts the model accepts. Text by default. */
  protected List<Prompt> prompts() {
    return List.of(
        Prompt.text("The answer is"), Prompt.text("Once upon a time"), Prompt.text("Sure, here"));
  }

  /** A token prompt of at least two tokens, for token-level models; empty skips those checks. */
  protected Optional<TokenPrompt> tokenPrompt() {
    return Optional.empty();
  }

  /** Diverse sampling, so that different seeds visibly give different samples. */
  protected SamplingParams sampling() {
    return SamplingParams.builder().temperature(1.0).topP(0.95).maxNewTokens(16).build();
  }

  protected LanguageModel model;

  @BeforeEach
  void openModel() {
    model = createModel();
  }

  @AfterEach
  void closeModel() {
    if (model != null) { // null when createModel skipped the test (e.g. a missing fixture)
      model.close();
    }
  }

  private Prompt prompt() {
    return prompts().get(0);
  }

  private List<Generation> samples(Prompt prompt, SamplingParams params, long... seeds) {
    List<List<Generation>> out =
        model.generate(List.of(GenerationRequest.of(prompt, params, seeds)));
    assertEquals(1, out.size());
    assertEquals(seeds.length, out.get(0).size());
    return out.get(0);
  }

  private static void assertSameOutput(Generation expected, Generation actual) {
    assertTrue(expected.sameOutputAs(actual), () -> expected + " vs " + actual);
  }

  @Test
  void declaresAnIdAndCapabilities() {
    assertFalse(model.id().isBlank());
    assertNotNull(model.capabilities());
    for (Prompt p : prompts()) {
      assertTrue(model.capabilities().accepts(p), "prompts() must suit the model: " + p);
    }
  }

  @Test
  void returnsNSamplesPerRequestInOrder() {
    List<GenerationRequest> requests = new ArrayList<>();
    for (int i = 0; i < prompts().size(); i++) {
      long[] seeds = new long[i + 1];
      Arrays.setAll(seeds, s -> 100 + s);
      requests.add(GenerationRequest.of(prompts().get(i), sampling(), seeds));
    }
    List<List<Generation>> out = model.generate(requests);
    assertEquals(requests.size(), out.size());
    for (int i = 0; i < requests.size(); i++) {
      assertEquals(i + 1, out.get(i).size());
    }
    assertEquals(List.of(), model.generate(List.of()));
  }

  @Test
  void sameSeedGivesTheSameSample() {
    Generation first = samples(prompt(), sampling(), 42).get(0);
    Generation second = samples(prompt(), sampling(), 42).get(0);
    assertSameOutput(first, second);
  }

  @Test
  void aSampleDependsOnItsSeedNotItsPositionInTheRequest() {
    List<Generation> three = samples(prompt(), sampling(), 5, 6, 7);
    List<Generation> reversed = samples(prompt(), sampling(), 7, 6, 5);
    assertSameOutput(three.get(2), samples(prompt(), sampling(), 7).get(0));
    assertSameOutput(three.get(0), reversed.get(2));
  }

  @Test
  void differentSeedsGiveDifferentSamples() {
    List<Generation> eight = samples(prompt(), sampling(), 1, 2, 3, 4, 5, 6, 7, 8);
    Set<String> texts = new HashSet<>();
    eight.forEach(g -> texts.add(g.text()));
    assertTrue(texts.size() >= 2, "8 seeds gave one text: " + texts);
  }

  @Test
  void greedyDecodingIgnoresTheSeed() {
    List<Generation> g = samples(prompt(), SamplingParams.greedy(12), 1, 2, 3);
    assertSameOutput(g.get(0), g.get(1));
    assertSameOutput(g.get(0), g.get(2));
  }

  @Test
  void respectsMaxNewTokens() {
    SamplingParams three = sampling().toBuilder().maxNewTokens(3).build();
    for (Generation g : samples(prompt(), three, 1, 2, 3, 4)) {
      int generated = g.timing().generatedTokens();
      assertTrue(generated == Generation.Timing.UNKNOWN || generated <= 3, g.toString());
      assertTrue(g.tokenIds() == null || g.tokenIds().length <= 3, g.toString());
      if (g.finishReason() == FinishReason.LENGTH && generated != Generation.Timing.UNKNOWN) {
        assertEquals(3, generated);
      }
    }
  }

  @Test
  void setsAFinishReason() {
    for (Generation g : samples(prompt(), sampling(), 1, 2, 3)) {
      assertTrue(
          g.finishReason() == FinishReason.STOP || g.finishReason() == FinishReason.LENGTH,
          g.toString());
    }
  }

  @Test
  void stopsBeforeTheFirstStopString() {
    Generation free = samples(prompt(), SamplingParams.greedy(24), 0).get(0);
    Assumptions.assumeTrue(free.text().length() >= 2, "greedy text too short to pick a stop");
    String stop = free.text().substring(free.text().length() / 2, free.text().length() / 2 + 1);
    SamplingParams withStop =
        SamplingParams.greedy(24).toBuilder().stopStrings(List.of(stop)).build();

    Generation stopped = samples(prompt(), withStop, 0).get(0);

    assertEquals(free.text().substring(0, free.text().indexOf(stop)), stopped.text());
    assertEquals(FinishReason.STOP, stopped.finishReason());
  }

  @Test
  void batchGivesTheSameSamplesAsOneByOne() {
    List<GenerationRequest> requests = new ArrayList<>();
    for (int i = 0; i < prompts().size(); i++) {
      requests.add(GenerationRequest.of(prompts().get(i), sampling(), 10 + i, 20 + i));
    }
    List<List<Generation>> together = model.generate(requests);
    for (int i = 0; i < requests.size(); i++) {
      List<Generation> alone = model.generate(List.of(requests.get(i))).get(0);
      for (int s = 0; s < alone.size(); s++) {
        assertSameOutput(alone.get(s), together.get(i).get(s));
      }
    }
  }

  @Test
  void scoreIsTheSumOfItsTokenLogProbabilities() {
    assumeScoring();
    Score s = model.score(List.of(new ScoreRequest(prompt(), continuationOf(prompt())))).get(0);
    assertTrue(s.tokens() >= 1);
    assertEquals(Arrays.stream(s.tokenLogProbs()).sum(), s.sum(), 1e-6 * (1 + Math.abs(s.sum())));
    for (double lp : s.tokenLogProbs()) {
      assertTrue(lp <= 1e-6 && Double.isFinite(lp), "log-prob " + lp);
    }
  }

  @Test
  void scoreBatchEqualsOneByOne() {
    assumeScoring();
    List<ScoreRequest> requests = new ArrayList<>();
    for (Prompt p : prompts()) {
      requests.add(new ScoreRequest(p, continuationOf(p)));
    }
    List<Score> together = model.score(requests);
    assertEquals(requests.size(), together.size());
    for (int i = 0; i < requests.size(); i++) {
      Score alone = model.score(List.of(requests.get(i))).get(0);
      assertEquals(alone.sum(), together.get(i).sum(), 1e-6 * (1 + Math.abs(alone.sum())));
    }
  }

  @Test
  void scoresFollowTheChainRuleOverTokens() {
    assumeScoring();
    TokenPrompt p = tokenPrompt().orElse(null);
    Assumptions.assumeTrue(p != null && p.length() >= 2, "no token prompt for this model");
    int[] ids = p.tokenIds();
    int[] head = Arrays.copyOf(ids, 1);
    int[] rest = Arrays.copyOfRange(ids, 1, ids.length);
    Generation g = samples(p, SamplingParams.greedy(4), 0).get(0);
    Assumptions.assumeTrue(g.tokenIds() != null && g.tokenIds().length >= 1, "empty greedy text");
    int[] cont = g.tokenIds();

    // log p(rest + cont | head) = log p(rest | head) + log p(cont | head + rest)
    double whole = scoreOf(head, concat(rest, cont));
    double parts = scoreOf(head, rest) + scoreOf(ids, cont);
    assertEquals(whole, parts, 1e-4 * (1 + Math.abs(whole)));
  }

  @Test
  void rejectsPromptKindsItDoesNotSupport() {
    Prompt unsupported =
        model.capabilities().textPrompts() ? Prompt.tokens(0) : Prompt.text("hello");
    Assumptions.assumeFalse(model.capabilities().accepts(unsupported), "accepts both kinds");
    assertThrows(
        IllegalArgumentException.class,
        () -> model.generate(List.of(GenerationRequest.of(unsupported, sampling(), 1))));
  }

  @Test
  void closeIsIdempotent() {
    assertDoesNotThrow(model::close);
    assertDoesNotThrow(model::close);
  }

  private void assumeScoring() {
    Assumptions.assumeTrue(model.capabilities().scoring(), "model does not score");
  }

  /** The model's own greedy continuation of {@code p}, as the same kind of prompt. */
  private Prompt continuationOf(Prompt p) {
    Generation g = samples(p, SamplingParams.greedy(6), 0).get(0);
    Assumptions.assumeFalse(g.text().isEmpty(), "greedy continuation is empty");
    return p instanceof TokenPrompt ? Prompt.tokens(g.tokenIds()) : Prompt.text(g.text());
  }

  private double scoreOf(int[] prompt, int[] continuation) {
    return model
        .score(List.of(new ScoreRequest(Prompt.tokens(prompt), Prompt.tokens(continuation))))
        .get(0)
        .sum();
  }

  private static int[] concat(int[] a, int[] b) {
    int[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
