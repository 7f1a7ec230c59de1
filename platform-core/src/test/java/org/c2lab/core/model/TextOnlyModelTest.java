package org.c2lab.core.model;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs the contract against the bigram model seen as a remote chat endpoint would be: text prompts
 * only, no token ids, no per-sample usage, no scoring. Checks the contract's text-only paths.
 */
class TextOnlyModelTest extends LanguageModelContract {
  /** Hides the token-level side of a model. */
  static final class TextOnly implements LanguageModel {
    private final LanguageModel inner;

    TextOnly(LanguageModel inner) {
      this.inner = inner;
    }

    @Override
    public String id() {
      return "text-only:" + inner.id();
    }

    @Override
    public Capabilities capabilities() {
      return new Capabilities(false, false, true, inner.capabilities().maxContext());
    }

    @Override
    public List<List<Generation>> generate(List<GenerationRequest> requests) {
      for (GenerationRequest r : requests) {
        if (!capabilities().accepts(r.prompt())) {
          throw new IllegalArgumentException(id() + " takes text prompts only");
        }
      }
      return inner.generate(requests).stream()
          .map(
              samples ->
                  samples.stream()
                      .map(
                          g ->
                              new Generation(
                                  null,
                                  g.text(),
                                  g.finishReason(),
                                  new Generation.Timing(
                                      Generation.Timing.UNKNOWN,
                                      Generation.Timing.UNKNOWN,
                                      g.timing().nanos())))
                      .toList())
          .toList();
    }

    @Override
    public void close() {
      inner.close();
    }
  }

  @Override
  protected LanguageModel createModel() {
    return new TextOnly(BigramLanguageModel.small());
  }

  @Test
  void returnsNoTokenIds() {
    Generation g =
        model
            .generate(List.of(GenerationRequest.of(Prompt.text("The"), sampling(), 1)))
            .get(0)
            .get(0);
    assertNull(g.tokenIds());
  }

  @Test
  void refusesToScore() {
    assertThrows(
        UnsupportedOperationException.class,
        () -> model.score(List.of(new ScoreRequest(Prompt.text("a"), Prompt.text("b")))));
  }
}
