package org.c2lab.eval.generation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.UnaryOperator;
import org.c2lab.core.model.BigramLanguageModel;
import org.c2lab.core.model.Capabilities;
import org.c2lab.core.model.FinishReason;
import org.c2lab.core.model.Generation;
import org.c2lab.core.model.GenerationRequest;
import org.c2lab.core.model.LanguageModel;
import org.c2lab.core.model.Prompt;
import org.c2lab.core.model.SamplingParams;
import org.junit.jupiter.api.Test;

class GeneratorTest {
  private static final GenerationRequest TWO_PATHS =
      GenerationRequest.of(Prompt.text("The answer is"), SamplingParams.greedy(4), 1, 2);

  @Test
  void returnsTheModelsSamplesWhenTheyAreComplete() {
    List<List<Generation>> out =
        new Generator(BigramLanguageModel.small()).generate(List.of(TWO_PATHS));
    assertEquals(1, out.size());
    assertEquals(2, out.get(0).size());
  }

  @Test
  void aSampleTheBackendReportsAsFailedFailsTheBatch() {
    LanguageModel failing =
        new Rewriting(
            BigramLanguageModel.small(),
            g -> new Generation(null, g.text(), FinishReason.ERROR, g.timing()));
    GenerationFailedException e =
        assertThrows(
            GenerationFailedException.class,
            () -> new Generator(failing).generate(List.of(TWO_PATHS)));
    assertTrue(e.getMessage().contains("ERROR"), e.getMessage());
  }

  @Test
  void aModelThatAcceptsOnlyTokenPromptsIsRefused() {
    LanguageModel tokensOnly =
        new Rewriting(BigramLanguageModel.small(), g -> g) {
          @Override
          public Capabilities capabilities() {
            return new Capabilities(true, false, false, 100);
          }
        };
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new Generator(tokensOnly));
    assertTrue(e.getMessage().contains("only token prompts"), e.getMessage());
  }

  /** A real model whose samples are passed through a function, to exercise backend failures. */
  private static class Rewriting implements LanguageModel {
    private final LanguageModel delegate;
    private final UnaryOperator<Generation> rewrite;

    Rewriting(LanguageModel delegate, UnaryOperator<Generation> rewrite) {
      this.delegate = delegate;
      this.rewrite = rewrite;
    }

    @Override
    public String id() {
      return delegate.id();
    }

    @Override
    public Capabilities capabilities() {
      return delegate.capabilities();
    }

    @Override
    public List<List<Generation>> generate(List<GenerationRequest> requests) {
      return delegate.generate(requests).stream()
          .map(samples -> samples.stream().map(rewrite).toList())
          .toList();
    }

    @Override
    public void close() {
      delegate.close();
    }
  }
}
