package org.c2lab.web.serve;

import java.util.List;
import org.c2lab.core.model.LanguageModel;
import org.c2lab.core.model.LanguageModelContract;
import org.c2lab.core.model.Prompt;
import org.c2lab.core.template.ChatMessage;
import org.c2lab.eval.openai.ChatPrompts;
import org.c2lab.eval.openai.OpenAiClientConfig;
import org.c2lab.eval.openai.OpenAiLanguageModel;
import org.c2lab.eval.openai.PromptStrategy;
import org.c2lab.web.backend.ModelHandle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * platform-eval's client through {@code /v1/chat/completions} with {@code continue_final_message}
 * passes the {@code LanguageModel} contract against our server, prefilled chats as prompts.
 */
class ServedChatContractTest extends LanguageModelContract {
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
        OpenAiClientConfig.builder(server.apiRoot(), BigramServing.NAME).build();
    return OpenAiLanguageModel.open(config, PromptStrategy.chatContinuation());
  }

  @Override
  protected List<Prompt> prompts() {
    return List.of(
        chat("Tell me a story.", "Once upon a time"),
        chat("What is the answer?", "The answer is"),
        chat("Can you help?", "Sure, here"));
  }

  private static Prompt chat(String user, String prefix) {
    return ChatPrompts.of(List.of(ChatMessage.user(user), ChatMessage.assistant(prefix)));
  }
}
