package org.c2lab.eval.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.c2lab.core.model.FinishReason;
import org.c2lab.core.model.Generation;
import org.c2lab.core.model.GenerationRequest;
import org.c2lab.core.model.Prompt;
import org.c2lab.core.model.SamplingParams;
import org.c2lab.core.template.ChatMessage;
import org.c2lab.core.template.ChatTemplate;
import org.c2lab.core.template.PromptMode;
import org.c2lab.core.template.SpecialTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What each prompt strategy sends, as the server receives it. */
class OpenAiRequestBodyTest {
  private static final List<ChatMessage> PREFILL =
      List.of(ChatMessage.user("How do I bake bread?"), ChatMessage.assistant("Sure, first"));
  private static final SamplingParams C2 =
      SamplingParams.c2Eval().toBuilder().topK(40).stopStrings(List.of("\n\n")).build();

  private OpenAiTestServer server;
  private OpenAiClientConfig config;

  @BeforeEach
  void start() {
    server = OpenAiTestServer.start();
    config = OpenAiClientConfig.builder(server.baseUrl(), OpenAiTestServer.MODEL).build();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private JsonNode send(PromptStrategy strategy, Prompt prompt, SamplingParams params, long seed) {
    try (OpenAiLanguageModel model = OpenAiLanguageModel.open(config, strategy)) {
      model.generate(List.of(GenerationRequest.of(prompt, params, seed)));
    }
    return server.bodies().get(server.bodies().size() - 1);
  }

  @Test
  void samplingParametersAreMappedOneRequestPerSeed() {
    try (OpenAiLanguageModel model =
        OpenAiLanguageModel.open(config, PromptStrategy.completions())) {
      model.generate(List.of(GenerationRequest.of(Prompt.text("Hi"), C2, 11, 12)));
    }
    List<JsonNode> bodies = server.bodies();
    assertEquals(2, bodies.size());
    JsonNode b = bodies.get(0);
    assertEquals(1, b.get("n").asInt());
    assertEquals(0.8, b.get("temperature").asDouble(), 1e-12);
    assertEquals(0.7, b.get("top_p").asDouble(), 1e-12);
    assertEquals(40, b.get("top_k").asInt());
    assertEquals(32, b.get("max_tokens").asInt());
    assertEquals("\n\n", b.get("stop").get(0).asText());
    assertEquals(
        List.of(11L, 12L), bodies.stream().map(x -> x.get("seed").asLong()).sorted().toList());
  }

  @Test
  void greedyIsTemperatureZeroWithoutTopK() {
    JsonNode b = send(PromptStrategy.completions(), Prompt.text("Hi"), SamplingParams.greedy(4), 1);
    assertEquals(0.0, b.get("temperature").asDouble());
    assertFalse(b.has("top_k"));
    assertFalse(b.has("stop"));
  }

  @Test
  void chatStrategyContinuesTheFinalAssistantMessage() {
    JsonNode b = send(PromptStrategy.chatContinuation(), ChatPrompts.of(PREFILL), C2, 1);
    assertTrue(b.get("continue_final_message").asBoolean());
    assertFalse(b.get("add_generation_prompt").asBoolean());
    assertEquals("assistant", b.get("messages").get(1).get("role").asText());
    assertEquals("Sure, first", b.get("messages").get(1).get("content").asText());
  }

  @Test
  void chatStrategyOpensANewTurnAfterAUserMessage() {
    List<ChatMessage> ask = List.of(ChatMessage.user("How do I bake bread?"));
    JsonNode b = send(PromptStrategy.chatContinuation(), ChatPrompts.of(ask), C2, 1);
    assertTrue(b.get("add_generation_prompt").asBoolean());
    assertFalse(b.has("continue_final_message"));
  }

  @Test
  void chatStrategySendsPlainTextAsAnAssistantPrefix() {
    JsonNode b = send(PromptStrategy.chatContinuation(), Prompt.text("Once upon"), C2, 1);
    assertEquals(1, b.get("messages").size());
    assertEquals("assistant", b.get("messages").get(0).get("role").asText());
  }

  @Test
  void completionsRenderChatsWithOurTemplateKeepingTheTurnOpen() {
    ChatTemplate llama2 = ChatTemplate.builtIn("llama2", SpecialTokens.of("<s>", "</s>"));
    JsonNode b =
        send(
            PromptStrategy.completions(llama2, PromptMode.CONTINUE_FINAL_MESSAGE),
            ChatPrompts.of(PREFILL),
            C2,
            1);
    assertEquals(llama2.renderContinuation(PREFILL), b.get("prompt").asText());
    assertTrue(b.get("prompt").asText().endsWith("Sure, first"), b.get("prompt").asText());
  }

  @Test
  void completionsRenderTheReferenceModeWhenAsked() {
    ChatTemplate llama2 = ChatTemplate.builtIn("llama2", SpecialTokens.of("<s>", "</s>"));
    JsonNode b =
        send(
            PromptStrategy.completions(llama2, PromptMode.REFERENCE),
            ChatPrompts.of(PREFILL),
            C2,
            1);
    assertEquals(
        llama2.renderPrompt(PREFILL, PromptMode.REFERENCE).text(), b.get("prompt").asText());
  }

  @Test
  void completionsWithoutATemplateRefuseChats() {
    try (OpenAiLanguageModel model =
        OpenAiLanguageModel.open(config, PromptStrategy.completions())) {
      assertThrows(
          IllegalArgumentException.class,
          () -> model.generate(List.of(GenerationRequest.of(ChatPrompts.of(PREFILL), C2, 1))));
    }
  }

  @Test
  void addSpecialTokensIsSentOnlyWhenConfigured() {
    assertFalse(
        send(PromptStrategy.completions(), Prompt.text("Hi"), C2, 1).has("add_special_tokens"));
    config = config.toBuilder().addSpecialTokens(false).build();
    JsonNode b = send(PromptStrategy.completions(), Prompt.text("Hi"), C2, 1);
    assertFalse(b.get("add_special_tokens").asBoolean(true));
  }

  @Test
  void tokenPromptsAskForTokenIdsAndGetTheTextsTokens() {
    config = config.toBuilder().tokenPrompts(true).build();
    try (OpenAiLanguageModel model =
        OpenAiLanguageModel.open(config, PromptStrategy.completions())) {
      Generation g =
          model
              .generate(
                  List.of(
                      GenerationRequest.of(
                          Prompt.tokens(org.c2lab.core.model.BigramLanguageModel.encode("The")),
                          SamplingParams.greedy(30),
                          1)))
              .get(0)
              .get(0);
      assertEquals(g.text(), org.c2lab.core.model.BigramLanguageModel.decode(g.tokenIds()));
    }
    JsonNode b = server.bodies().get(0);
    assertTrue(b.get("prompt").isArray());
    assertTrue(b.get("return_tokens_as_token_ids").asBoolean());
  }

  @Test
  void textSamplesCarryUsageAndTiming() {
    try (OpenAiLanguageModel model =
        OpenAiLanguageModel.open(config, PromptStrategy.completions())) {
      Generation g =
          model
              .generate(
                  List.of(GenerationRequest.of(Prompt.text("The"), SamplingParams.greedy(5), 1)))
              .get(0)
              .get(0);
      assertNull(g.tokenIds());
      assertEquals(3, g.timing().promptTokens());
      assertTrue(g.timing().generatedTokens() >= 1 && g.timing().generatedTokens() <= 5);
      assertTrue(g.timing().nanos() > 0);
      assertTrue(g.finishReason() == FinishReason.LENGTH || g.finishReason() == FinishReason.STOP);
    }
  }

  @Test
  void scoringIsUnsupportedUnlessConfigured() {
    try (OpenAiLanguageModel model =
        OpenAiLanguageModel.open(config, PromptStrategy.completions())) {
      assertFalse(model.capabilities().scoring());
      assertThrows(
          UnsupportedOperationException.class,
          () ->
              model.score(
                  List.of(
                      new org.c2lab.core.model.ScoreRequest(
                          Prompt.text("The"), Prompt.text(" answer")))));
    }
  }

  @Test
  void scoresMatchTheModelBehindTheServer() {
    config = config.toBuilder().scoring(true).build();
    var request =
        new org.c2lab.core.model.ScoreRequest(Prompt.text("The ans"), Prompt.text("wer is"));
    double remote;
    try (OpenAiLanguageModel model =
        OpenAiLanguageModel.open(config, PromptStrategy.completions())) {
      remote = model.score(List.of(request)).get(0).sum();
    }
    double local =
        org.c2lab.core.model.BigramLanguageModel.small().score(List.of(request)).get(0).sum();
    assertEquals(local, remote, 1e-9);
  }

  @Test
  void finishReasonsMapToCore() {
    assertEquals(FinishReason.STOP, SamplingBody.finishReason("stop"));
    assertEquals(FinishReason.LENGTH, SamplingBody.finishReason("length"));
    assertEquals(FinishReason.CANCELLED, SamplingBody.finishReason("abort"));
    assertEquals(FinishReason.ERROR, SamplingBody.finishReason("content_filter"));
    assertEquals(FinishReason.ERROR, SamplingBody.finishReason(null));
  }
}
