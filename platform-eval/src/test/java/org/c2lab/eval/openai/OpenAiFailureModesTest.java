package org.c2lab.eval.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.c2lab.core.model.Generation;
import org.c2lab.core.model.GenerationRequest;
import org.c2lab.core.model.Prompt;
import org.c2lab.core.model.SamplingParams;
import org.c2lab.core.provenance.Provenance;
import org.c2lab.eval.openai.OpenAiTestServer.Fault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What the client does when the server is slow, overloaded, failing or talking nonsense. */
@Timeout(20)
class OpenAiFailureModesTest {
  private static final String KEY = "sk-test-5ecret-value-0123456789";
  private static final Map<String, String> ENV = Map.of("C2_TEST_API_KEY", KEY);
  private static final RetryPolicy FAST =
      new RetryPolicy(2, Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofSeconds(5));

  private OpenAiTestServer server;

  @BeforeEach
  void startServer() {
    server = OpenAiTestServer.start();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  private OpenAiClientConfig.Builder config() {
    return OpenAiClientConfig.builder(server.baseUrl(), OpenAiTestServer.MODEL)
        .apiKeyEnv("C2_TEST_API_KEY")
        .retry(FAST)
        .requestTimeout(Duration.ofSeconds(5));
  }

  private OpenAiLanguageModel model(OpenAiClientConfig config) {
    return OpenAiLanguageModel.open(config, PromptStrategy.completions(), ENV::get);
  }

  private static List<Generation> generate(OpenAiLanguageModel model, long... seeds) {
    return model
        .generate(List.of(GenerationRequest.of(Prompt.text("The answer is"), params(), seeds)))
        .get(0);
  }

  private static SamplingParams params() {
    return SamplingParams.builder().temperature(0.8).topP(0.7).maxNewTokens(8).build();
  }

  @Test
  void aTimeoutFailsClearlyWhenNotRetried() {
    server.enqueue(Fault.delay(2_000));
    try (OpenAiLanguageModel model =
        model(config().requestTimeout(Duration.ofMillis(300)).retry(RetryPolicy.NONE).build())) {
      long start = System.nanoTime();
      OpenAiException e = assertThrows(OpenAiException.class, () -> generate(model, 1));
      assertTrue(e.getMessage().contains("timeout"), e.getMessage());
      assertEquals(OpenAiException.NO_RESPONSE, e.status());
      assertEquals(1, e.attempts());
      assertTrue(System.nanoTime() - start < 1_500_000_000L, "waited for the slow server");
    }
  }

  @Test
  void aTimeoutIsRetried() {
    server.enqueue(Fault.delay(2_000));
    try (OpenAiLanguageModel model =
        model(config().requestTimeout(Duration.ofMillis(300)).build())) {
      assertEquals(1, generate(model, 1).size());
      assertEquals(2, server.requests());
    }
  }

  @Test
  void tooManyRequestsWaitsForRetryAfterThenSucceeds() {
    server.enqueue(Fault.retryAfter(429, "1"));
    try (OpenAiLanguageModel model = model(config().build())) {
      long start = System.nanoTime();
      List<Generation> g = generate(model, 7);
      long waited = System.nanoTime() - start;
      assertEquals(1, g.size());
      assertEquals(2, server.requests());
      // the computed backoff is at most 20 ms: only Retry-After explains a 1 s wait
      assertTrue(waited >= 950_000_000L, "waited only " + waited / 1_000_000 + " ms");
    }
  }

  @Test
  void retryAfterIsCappedByThePolicy() {
    server.enqueue(Fault.retryAfter(503, "3600"));
    RetryPolicy capped =
        new RetryPolicy(1, Duration.ofMillis(5), Duration.ofMillis(5), Duration.ofMillis(100));
    try (OpenAiLanguageModel model = model(config().retry(capped).build())) {
      assertEquals(1, generate(model, 7).size());
    }
  }

  @Test
  void aServerErrorIsRetriedAndTheResultIsTheSameAsWithoutIt() {
    List<Generation> clean;
    try (OpenAiLanguageModel model = model(config().build())) {
      clean = generate(model, 3);
    }
    server.enqueue(Fault.status(500, "{\"error\":{\"message\":\"engine hiccup\"}}"));
    try (OpenAiLanguageModel model = model(config().build())) {
      List<Generation> retried = generate(model, 3);
      assertTrue(clean.get(0).sameOutputAs(retried.get(0)));
    }
    assertEquals(3, server.requests());
  }

  @Test
  void aPersistentServerErrorFailsAfterTheLastRetry() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(
          Fault.status(500, "{\"object\":\"error\",\"message\":\"CUDA out of memory\"}"));
    }
    try (OpenAiLanguageModel model = model(config().build())) {
      OpenAiException e = assertThrows(OpenAiException.class, () -> generate(model, 1));
      assertEquals(500, e.status());
      assertEquals(3, e.attempts());
      assertTrue(e.getMessage().contains("HTTP 500: CUDA out of memory"), e.getMessage());
      assertTrue(e.getMessage().contains("gave up after 3 attempts"), e.getMessage());
      assertEquals(3, server.requests());
    }
  }

  @Test
  void aClientErrorFailsAtOnceWithTheServersMessage() {
    server.enqueue(
        Fault.status(
            400,
            "{\"error\":{\"message\":\"max_tokens is too large\",\"type\":\"invalid_request_error\"}}"));
    try (OpenAiLanguageModel model = model(config().build())) {
      OpenAiException e = assertThrows(OpenAiException.class, () -> generate(model, 1));
      assertEquals(400, e.status());
      assertEquals(1, e.attempts());
      assertTrue(e.getMessage().contains("HTTP 400: max_tokens is too large"), e.getMessage());
      assertTrue(e.getMessage().contains("not retried"), e.getMessage());
      assertEquals(1, server.requests());
    }
  }

  @Test
  void anUnknownModelIsAClientError() {
    OpenAiClientConfig wrong =
        OpenAiClientConfig.builder(server.baseUrl(), "no-such-model").retry(FAST).build();
    try (OpenAiLanguageModel model =
        OpenAiLanguageModel.open(wrong, PromptStrategy.completions())) {
      OpenAiException e = assertThrows(OpenAiException.class, () -> generate(model, 1));
      assertEquals(404, e.status());
      assertTrue(e.getMessage().contains("no-such-model"), e.getMessage());
    }
  }

  @Test
  void aBodyThatIsNotJsonFailsClearly() {
    server.enqueue(Fault.body("<html>upstream proxy says hello</html>"));
    try (OpenAiLanguageModel model = model(config().build())) {
      OpenAiException e = assertThrows(OpenAiException.class, () -> generate(model, 1));
      assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
      assertTrue(e.getMessage().contains("upstream proxy"), e.getMessage());
      assertEquals(1, server.requests());
    }
  }

  @Test
  void aResponseWithoutChoicesFailsClearly() {
    server.enqueue(Fault.body("{\"object\":\"text_completion\"}"));
    try (OpenAiLanguageModel model = model(config().build())) {
      OpenAiException e = assertThrows(OpenAiException.class, () -> generate(model, 1));
      assertTrue(e.getMessage().contains("no 'choices'"), e.getMessage());
    }
  }

  @Test
  void aRefusedConnectionIsRetriedThenReported() {
    String url = server.baseUrl();
    server.close();
    OpenAiClientConfig config =
        OpenAiClientConfig.builder(url, OpenAiTestServer.MODEL)
            .retry(FAST)
            .connectTimeout(Duration.ofMillis(500))
            .build();
    try (OpenAiLanguageModel model =
        OpenAiLanguageModel.open(config, PromptStrategy.completions())) {
      OpenAiException e = assertThrows(OpenAiException.class, () -> generate(model, 1));
      assertEquals(3, e.attempts());
      assertEquals(OpenAiException.NO_RESPONSE, e.status());
    }
  }

  @Test
  void concurrencyStaysWithinTheBound() {
    server.hold(60);
    try (OpenAiLanguageModel model = model(config().maxConcurrency(3).build())) {
      List<Generation> g = generate(model, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
      assertEquals(12, g.size());
    }
    assertEquals(12, server.requests());
    assertTrue(server.maxInFlight() <= 3, "peak " + server.maxInFlight());
    assertTrue(server.maxInFlight() >= 2, "requests did not overlap: " + server.maxInFlight());
  }

  @Test
  void theApiKeyIsSentAsBearerAndNeverShown() {
    server.enqueue(
        Fault.status(
            401, "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + ".\"}}"));
    try (OpenAiLanguageModel model = model(config().build())) {
      OpenAiException e = assertThrows(OpenAiException.class, () -> generate(model, 1));
      assertFalse(e.getMessage().contains(KEY), e.getMessage());
      assertTrue(e.getMessage().contains("Incorrect API key provided: [redacted]"), e.getMessage());
      assertEquals("Bearer " + KEY, server.authorizations().get(0));
      generate(model, 1);
      assertEquals("Bearer " + KEY, server.authorizations().get(1));
      assertFalse(model.toString().contains(KEY), model.toString());
      assertFalse(model.id().contains(KEY));
      assertTrue(model.toString().contains("C2_TEST_API_KEY"), model.toString());
    }
    assertFalse(config().build().toString().contains(KEY));
  }

  @Test
  void provenanceNamesTheKeyVariableButNeverHoldsTheKey() {
    try (OpenAiLanguageModel model = model(config().build())) {
      String json = Provenance.builder().config(model.provenance()).build().toJson();
      assertFalse(json.contains(KEY), json);
      assertTrue(json.contains("\"apiKeyEnv\" : \"C2_TEST_API_KEY\""), json);
      assertTrue(json.contains("\"requestTimeout\" : \"PT5S\""), json);
    }
  }

  @Test
  void aMissingKeyVariableIsNamed() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> model(config().apiKeyEnv("NOT_SET").build()));
    assertTrue(e.getMessage().contains("NOT_SET"), e.getMessage());
  }

  @Test
  void aKeyPastedInPlaceOfTheVariableNameIsNotEchoed() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> config().apiKeyEnv(KEY).build());
    assertFalse(e.getMessage().contains(KEY), e.getMessage());
  }

  @Test
  void credentialsInTheUrlAreRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                OpenAiClientConfig.builder("http://user:" + KEY + "@127.0.0.1:1/v1", "m").build());
    assertFalse(e.getMessage().contains(KEY), e.getMessage());
  }

  @Test
  void withoutAKeyNoAuthorizationHeaderIsSent() {
    OpenAiClientConfig config =
        OpenAiClientConfig.builder(server.baseUrl(), OpenAiTestServer.MODEL).build();
    try (OpenAiLanguageModel model =
        OpenAiLanguageModel.open(config, PromptStrategy.completions())) {
      generate(model, 1);
    }
    assertEquals("null", server.authorizations().get(0));
  }
}
