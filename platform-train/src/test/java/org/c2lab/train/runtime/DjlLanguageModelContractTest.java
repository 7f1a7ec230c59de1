package org.c2lab.train.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.c2lab.core.model.LanguageModel;
import org.c2lab.core.model.LanguageModelContract;
import org.c2lab.core.model.Prompt;
import org.c2lab.core.model.TokenPrompt;
import org.c2lab.train.StoriesFixture;

/** The SPI contract on the real stories260K model (skipped without ../shared). */
class DjlLanguageModelContractTest extends LanguageModelContract {
  @Override
  protected LanguageModel createModel() {
    try {
      return DjlLanguageModel.open(StoriesFixture.modelDir());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected Optional<TokenPrompt> tokenPrompt() {
    return Optional.of(Prompt.tokens(1, 403, 407, 261, 378)); // <s> Once upon a time
  }
}
