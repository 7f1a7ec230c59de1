package org.c2lab.web.serve;

import java.util.Optional;
import java.util.OptionalInt;
import org.c2lab.core.model.BigramLanguageModel;
import org.c2lab.core.model.LanguageModel;
import org.c2lab.core.template.ChatTemplate;
import org.c2lab.core.template.SpecialTokens;
import org.c2lab.web.backend.ModelHandle;
import org.c2lab.web.backend.TokenCodec;

/** Core's bigram test model served with a character tokenizer and Llama-2's chat template. */
public final class BigramServing {
  public static final String NAME = "bigram-test";
  public static final ChatTemplate TEMPLATE =
      ChatTemplate.builtIn("llama2", SpecialTokens.of("<s>", "</s>"));

  private BigramServing() {}

  /** Characters are tokens; the end-of-text token decodes to nothing. */
  public static final TokenCodec CODEC =
      new TokenCodec() {
        @Override
        public int[] encode(String text, boolean addSpecialTokens) {
          return BigramLanguageModel.encode(text);
        }

        @Override
        public String decode(int[] ids) {
          return BigramLanguageModel.decode(ids);
        }

        @Override
        public OptionalInt endOfText() {
          return OptionalInt.of(BigramLanguageModel.EOS);
        }
      };

  public static ModelHandle handle() {
    return handle(BigramLanguageModel.small());
  }

  public static ModelHandle handle(LanguageModel model) {
    return new ModelHandle(NAME, model, Optional.of(TEMPLATE), Optional.of(CODEC));
  }

  /** A server on a free loopback port, no key. */
  public static ModelServer start(ModelHandle handle) {
    return ModelServer.start(handle, new ServeOptions("127.0.0.1", 0, Optional.empty(), 16));
  }
}
