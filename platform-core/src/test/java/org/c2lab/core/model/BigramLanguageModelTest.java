package org.c2lab.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Runs the model contract against the bigram reference model, plus its own checks. */
class BigramLanguageModelTest extends LanguageModelContract {
  @Override
  protected LanguageModel createModel() {
    return BigramLanguageModel.small();
  }

  @Override
  protected Optional<TokenPrompt> tokenPrompt() {
    return Optional.of(Prompt.tokens(BigramLanguageModel.encode("The m")));
  }

  @Test
  void scoresBigramLogProbabilitiesExactly() {
    BigramLanguageModel bigram = (BigramLanguageModel) model;
    int t = BigramLanguageModel.encode("T")[0];
    int h = BigramLanguageModel.encode("h")[0];
    int e = BigramLanguageModel.encode("e")[0];
    Score s = model.score(List.of(new ScoreRequest(Prompt.text("T"), Prompt.text("he")))).get(0);
    assertEquals(bigram.nextLogProbs(t)[h], s.tokenLogProbs()[0], 0.0);
    assertEquals(bigram.nextLogProbs(h)[e], s.tokenLogProbs()[1], 0.0);
  }

  @Test
  void nextTokenDistributionsAreNormalised() {
    BigramLanguageModel bigram = (BigramLanguageModel) model;
    for (int prev = 0; prev <= BigramLanguageModel.EOS; prev++) {
      double mass = 0;
      for (double lp : bigram.nextLogProbs(prev)) {
        mass += Math.exp(lp);
      }
      assertEquals(1.0, mass, 1e-12);
    }
  }

  @Test
  void greedyFollowsTheMostFrequentTransitions() {
    // After "Th" the corpus only ever has "e": argmax must pick it.
    Generation g =
        model
            .generate(List.of(GenerationRequest.of(Prompt.text("Th"), SamplingParams.greedy(1), 0)))
            .get(0)
            .get(0);
    assertEquals("e", g.text());
    assertEquals(FinishReason.LENGTH, g.finishReason());
  }

  @Test
  void decodesWhatItEncodes() {
    String text = "Sure, here: 42!";
    assertEquals(text, BigramLanguageModel.decode(BigramLanguageModel.encode(text)));
  }

  @Test
  void rejectsCharactersOutsideItsVocabulary() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            model.generate(List.of(GenerationRequest.of(Prompt.text("caf\u00e9"), sampling(), 1))));
  }
}
