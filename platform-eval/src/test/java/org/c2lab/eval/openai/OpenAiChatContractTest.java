package org.c2lab.eval.openai;

import java.util.List;
import org.c2lab.core.model.LanguageModel;
import org.c2lab.core.model.LanguageModelContract;
import org.c2lab.core.model.Prompt;
import org.c2lab.core.template.ChatMessage;
import org.junit.jupiter.api.AfterEach;

/**
 * The client through {@code /v1/chat/completions} with {@code continue_final_message} passes the
 * {@code LanguageModel} contract (text only, no scoring) with prefilled chats as prompts.
 */
class OpenAiChatContractTest extends LanguageModelContract {
  private OpenAiTestServer server;

  @Override
  protected LanguageModel createModel() {
    server = OpenAiTestServer.start();
    OpenAiClientConfig config =
        OpenAiClientConfig.builder(server.baseUrl(), OpenAiTestServer.MODEL).build();
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

  @AfterEach
  void stopServer() {
    server.close();
  }
}
