package org.c2lab.web.serve;

import static org.c2lab.web.serve.ErrorResponsesTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.c2lab.core.model.BigramLanguageModel;
import org.c2lab.web.backend.ModelHandle;
import org.junit.jupiter.api.Test;

/** The bearer token and the bound on concurrent requests. */
class AccessTest {
  private static final String KEY = "test-key-123";
  private static final String BODY =
      "{\"model\":\"bigram-test\",\"prompt\":\"The\",\"max_tokens\":2}";

  @Test
  void aServerWithAKeyRequiresItOnEveryEndpoint() throws Exception {
    ServeOptions options =
        new ServeOptions(
            "127.0.0.1", 0, Optional.of(ServeOptions.ApiKey.fromEnvironment("TEST_KEY", KEY)), 4);
    try (ModelHandle handle = BigramServing.handle();
        ModelServer server = ModelServer.start(handle, options)) {
      URI models = URI.create(server.apiRoot() + "/models");
      URI completions = URI.create(server.apiRoot() + "/completions");
      String message = "Missing or incorrect API key: send 'Authorization: Bearer <key>'.";
      assertError(Http.get(models), 401, "invalid_request_error", null, "invalid_api_key", message);
      assertError(
          Http.post(completions, BODY, "Authorization", "Bearer wrong"),
          401,
          "invalid_request_error",
          null,
          "invalid_api_key",
          message);
      assertEquals(401, Http.post(completions, BODY, "Authorization", KEY).status(), "no scheme");
      assertEquals(200, Http.get(models, "Authorization", "Bearer " + KEY).status());
      assertEquals(200, Http.post(completions, BODY, "Authorization", "bearer " + KEY).status());
    }
  }

  @Test
  void theKeyIsNeverPrinted() {
    ServeOptions.ApiKey key = ServeOptions.ApiKey.fromEnvironment("TEST_KEY", KEY);
    assertEquals("ApiKey[redacted]", key.toString());
    IllegalArgumentException unset =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class,
            () -> ServeOptions.ApiKey.fromEnvironment("C2_UNSET", " "));
    assertEquals(
        "environment variable C2_UNSET (the server's API key) is not set", unset.getMessage());
  }

  @Test
  void requestsBeyondTheBoundAreA503ThatClientsRetry() throws Exception {
    RecordingModel model = new RecordingModel(BigramLanguageModel.small());
    model.hold();
    ServeOptions options = new ServeOptions("127.0.0.1", 0, Optional.empty(), 1);
    try (ModelHandle handle = BigramServing.handle(model);
        ModelServer server = ModelServer.start(handle, options)) {
      URI completions = URI.create(server.apiRoot() + "/completions");
      CompletableFuture<Http.Response> first =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return Http.post(completions, BODY);
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      assertTrue(model.awaitGeneration(), "the first request reached the model");
      Http.Response busy = Http.post(completions, BODY);
      model.release();
      assertError(
          busy,
          503,
          "server_busy",
          null,
          null,
          "The server is busy (1 requests in progress); retry shortly.");
      assertEquals("1", busy.raw().headers().firstValue("Retry-After").orElse(""));
      assertEquals(200, first.get().status());
      assertEquals(200, Http.post(completions, BODY).status(), "the slot is free again");
    }
  }
}
