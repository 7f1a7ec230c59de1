package org.c2lab.eval.openai;

import java.util.Optional;
import org.c2lab.core.model.BigramLanguageModel;
import org.c2lab.core.model.LanguageModel;
import org.c2lab.core.model.LanguageModelContract;
import org.c2lab.core.model.Prompt;
import org.c2lab.core.model.TokenPrompt;
import org.junit.jupiter.api.AfterEach;

/**
 * The client through {@code /v1/completions}, text and token prompts and echo scoring, passes the
 * {@code LanguageModel} contract against a real HTTP server over the bigram model.
 */
class OpenAiCompletionsContractTest extends LanguageModelContract {
  private OpenAiTestServer server;

  @Override
  protected LanguageModel createModel() {
    server = OpenAiTestServer.start();
    OpenAiClientConfig config =
        OpenAiClientConfig.builder(server.baseUrl(), OpenAiTestServer.MODEL)
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

  @AfterEach
  void stopServer() {
    server.close();
  }
}
