package org.c2lab.web.serve;

import java.util.Optional;
import org.c2lab.core.model.BigramLanguageModel;
import org.c2lab.core.model.LanguageModel;
import org.c2lab.core.model.LanguageModelContract;
import org.c2lab.core.model.Prompt;
import org.c2lab.core.model.TokenPrompt;
import org.c2lab.eval.openai.OpenAiClientConfig;
import org.c2lab.eval.openai.OpenAiLanguageModel;
import org.c2lab.eval.openai.PromptStrategy;
import org.c2lab.web.backend.ModelHandle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Our own remote backend against our own server: platform-eval's client through {@code
 * /v1/completions} (text and token-id prompts, echo scoring) passes the {@code LanguageModel}
 * contract over the bigram model served by {@link ModelServer}.
 */
class ServedCompletionsContractTest extends LanguageModelContract {
  private static ModelHandle served;
  private static ModelServer server;

  @BeforeAll
  static void startServer() {
    served = BigramServing.handle();
    server = BigramServing.start(served);
  }

  @AfterAll
  static void stopServer() {
    server.close();
    served.close();
  }

  @Override
  protected LanguageModel createModel() {
    OpenAiClientConfig config =
        OpenAiClientConfig.builder(server.apiRoot(), BigramServing.NAME)
            .tokenPrompts(true)
            .scoring(true)
            .maxConcurrency(4)
            .build();
    return OpenAiLanguageModel.open(config, PromptStrategy.completions());
  }

  @Override
  protected Optional<TokenPrompt> tokenPrompt() {
    return Optional.of(Prompt.tokens(BigramLanguageModel.encode("The answer")));
  }
}
