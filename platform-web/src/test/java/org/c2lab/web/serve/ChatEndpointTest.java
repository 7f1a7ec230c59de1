package org.c2lab.web.serve;

import static org.c2lab.web.serve.ErrorResponsesTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.c2lab.core.model.BigramLanguageModel;
import org.c2lab.core.model.Prompt;
import org.c2lab.core.model.TokenPrompt;
import org.c2lab.core.template.ChatMessage;
import org.c2lab.web.backend.ModelHandle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code /v1/chat/completions}: what prompt the model sees, and the request errors. */
class ChatEndpointTest {
  private static final String CHAT =
      "[{\"role\":\"system\",\"content\":\"Be brief.\"},"
          + "{\"role\":\"user\",\"content\":\"Tell me a story.\"},"
          + "{\"role\":\"assistant\",\"content\":\"Once upon a time\"}]";
  private static final List<ChatMessage> MESSAGES =
      List.of(
          ChatMessage.system("Be brief."),
          ChatMessage.user("Tell me a story."),
          ChatMessage.assistant("Once upon a time"));

  private static RecordingModel model;
  private static ModelHandle served;
  private static ModelServer server;

  @BeforeAll
  static void start() {
    model = new RecordingModel(BigramLanguageModel.small());
    served = BigramServing.handle(model);
    server = BigramServing.start(served);
  }

  @AfterAll
  static void stop() {
    server.close();
    served.close();
  }

  private static Http.Response chat(String body) throws Exception {
    return Http.post(URI.create(server.apiRoot() + "/chat/completions"), body);
  }

  /** The text of the prompt the model was last given. */
  private static String lastPrompt() {
    List<Prompt> prompts = model.prompts();
    TokenPrompt p = (TokenPrompt) prompts.get(prompts.size() - 1);
    return BigramLanguageModel.decode(p.tokenIds());
  }

  @Test
  void continueFinalMessageGivesTheModelExactlyTheTemplatesContinuation() throws Exception {
    Http.Response r =
        chat(
            "{\"model\":\"bigram-test\",\"messages\":"
                + CHAT
                + ",\"continue_final_message\":true,\"add_generation_prompt\":false,"
                + "\"max_tokens\":8,\"seed\":3}");
    assertEquals(200, r.status(), r.raw().body());
    assertEquals(BigramServing.TEMPLATE.renderContinuation(MESSAGES), lastPrompt());
    assertTrue(lastPrompt().endsWith("Once upon a time"), lastPrompt());
  }

  @Test
  void byDefaultANewAssistantTurnIsOpened() throws Exception {
    List<ChatMessage> question = List.of(ChatMessage.user("What is the answer?"));
    Http.Response r =
        chat(
            "{\"model\":\"bigram-test\",\"messages\":[{\"role\":\"user\",\"content\":"
                + "[{\"type\":\"text\",\"text\":\"What is the answer?\"}]}],\"max_tokens\":4}");
    assertEquals(200, r.status(), r.raw().body());
    assertEquals(BigramServing.TEMPLATE.render(question, true), lastPrompt());
    JsonNode j = r.json();
    assertTrue(j.get("id").asText().startsWith("chatcmpl-"));
    assertEquals("chat.completion", j.get("object").asText());
    assertEquals("bigram-test", j.get("model").asText());
    JsonNode choice = j.get("choices").get(0);
    assertEquals(0, choice.get("index").asInt());
    assertEquals("assistant", choice.get("message").get("role").asText());
    assertTrue(choice.get("message").get("content").isTextual());
    assertTrue(choice.get("logprobs").isNull());
    assertTrue(Set.of("stop", "length").contains(choice.get("finish_reason").asText()));
    assertEquals(lastPrompt().length(), j.get("usage").get("prompt_tokens").asInt());
  }

  @Test
  void withoutAGenerationPromptTheChatIsRenderedAsIs() throws Exception {
    chat(
        "{\"model\":\"bigram-test\",\"messages\":"
            + CHAT
            + ",\"add_generation_prompt\":false,\"max_tokens\":2}");
    assertEquals(BigramServing.TEMPLATE.render(MESSAGES, false), lastPrompt());
  }

  @Test
  void nSamplesAreSeededLikeCompletions() throws Exception {
    String base = "{\"model\":\"bigram-test\",\"messages\":" + CHAT + ",\"max_tokens\":8";
    Http.Response two = chat(base + ",\"n\":2,\"seed\":10}");
    Http.Response second = chat(base + ",\"seed\":11}");
    assertEquals(2, two.json().get("choices").size());
    assertEquals(
        second.json().get("choices").get(0).get("message").get("content"),
        two.json().get("choices").get(1).get("message").get("content"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "missing messages|{\"model\":\"bigram-test\"}|messages|'messages' is required",
        "messages not an array|{\"model\":\"bigram-test\",\"messages\":\"hi\"}|messages|'messages' must be an array of messages, got a string",
        "empty messages|{\"model\":\"bigram-test\",\"messages\":[]}|messages|'messages' must not be empty",
        "no role|{\"model\":\"bigram-test\",\"messages\":[{\"content\":\"hi\"}]}|messages[0].role|'messages[0].role' must be a non-blank string",
        "content a number|{\"model\":\"bigram-test\",\"messages\":[{\"role\":\"user\",\"content\":5}]}|messages[0].content|'messages[0].content' must be a string or an array of text parts, got a number",
        "both flags|{\"model\":\"bigram-test\",\"messages\":[{\"role\":\"assistant\",\"content\":\"Sure\"}],\"continue_final_message\":true}|continue_final_message|'continue_final_message' and 'add_generation_prompt' cannot both be true; send add_generation_prompt: false to continue the final message",
        "continue a user turn|{\"model\":\"bigram-test\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"continue_final_message\":true,\"add_generation_prompt\":false}|messages|'continue_final_message' needs a chat whose last message is the assistant's",
        "max_tokens zero|{\"model\":\"bigram-test\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":0}|max_tokens|'max_tokens' must be >= 1, got 0",
        "chat logprobs|{\"model\":\"bigram-test\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"logprobs\":true}|logprobs|'logprobs' is not supported on chat completions; use /v1/completions",
      })
  void chatFieldErrorsNameTheField(String name, String body, String param, String message)
      throws Exception {
    assertError(chat(body), 400, "invalid_request_error", param, "invalid_value", message);
  }

  @Test
  void aTemplateErrorIsTheCallersAndNamesTheTemplate() throws Exception {
    // Llama-2's template raises when roles do not alternate user/assistant.
    Http.Response r =
        chat(
            "{\"model\":\"bigram-test\",\"messages\":[{\"role\":\"user\",\"content\":\"a\"},"
                + "{\"role\":\"user\",\"content\":\"b\"}]}");
    assertEquals(400, r.status(), r.raw().body());
    assertEquals("messages", r.error().get("param").asText());
    assertTrue(
        r.error().get("message").asText().startsWith("chat template 'llama2': "), r.raw().body());
  }

  @Test
  void aModelWithoutATemplateRefusesChatsAndSaysWhatToDo() throws Exception {
    ModelHandle bare =
        new ModelHandle("bare", BigramLanguageModel.small(), Optional.empty(), Optional.empty());
    try (ModelServer s = BigramServing.start(bare)) {
      Http.Response r =
          Http.post(
              URI.create(s.apiRoot() + "/chat/completions"),
              "{\"model\":\"bare\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
      assertError(
          r,
          400,
          "invalid_request_error",
          "messages",
          "invalid_value",
          "model 'bare' has no chat template (none in its tokenizer_config.json); start the"
              + " server with --template PRESET, or use /v1/completions");
      // Without a tokenizer, text goes to the model as text, and logprobs are refused.
      Http.Response plain =
          Http.post(
              URI.create(s.apiRoot() + "/completions"), "{\"model\":\"bare\",\"prompt\":\"The\"}");
      assertEquals(200, plain.status(), plain.raw().body());
      Http.Response logprobs =
          Http.post(
              URI.create(s.apiRoot() + "/completions"),
              "{\"model\":\"bare\",\"prompt\":\"The\",\"logprobs\":1}");
      assertEquals(400, logprobs.status());
      assertEquals("logprobs", logprobs.error().get("param").asText());
    } finally {
      bare.close();
    }
  }
}
