package org.c2lab.web.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import org.c2lab.web.backend.ModelHandle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad requests get OpenAI's error body with the exact status and the offending field. */
class ErrorResponsesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static ModelHandle served;
  private static ModelServer server;

  @BeforeAll
  static void start() {
    served = BigramServing.handle();
    server = BigramServing.start(served);
  }

  @AfterAll
  static void stop() {
    server.close();
    served.close();
  }

  private static URI uri(String path) {
    return URI.create(server.apiRoot() + path);
  }

  /** Asserts the whole error object, so that the shape cannot drift. */
  static void assertError(
      Http.Response r, int status, String type, String param, String code, String message)
      throws Exception {
    assertEquals(status, r.status(), r.raw().body());
    assertTrue(
        r.raw().headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    ObjectNode expected = JSON.createObjectNode();
    expected
        .putObject("error")
        .put("message", message)
        .put("type", type)
        .put("param", param)
        .put("code", code);
    assertEquals(expected, r.json());
  }

  @Test
  void malformedJsonIsA400WithoutAParam() throws Exception {
    Http.Response r = Http.post(uri("/completions"), "{\"model\": \"bigram-test\",");
    assertEquals(400, r.status());
    JsonNode e = r.error();
    assertTrue(
        e.get("message").asText().startsWith("the request body is not valid JSON"), e.toString());
    assertEquals("invalid_request_error", e.get("type").asText());
    assertTrue(e.get("param").isNull());
    assertEquals("invalid_value", e.get("code").asText());
  }

  @Test
  void aBodyThatIsNotAnObjectIsA400() throws Exception {
    assertError(
        Http.post(uri("/completions"), "[1, 2]"),
        400,
        "invalid_request_error",
        null,
        "invalid_value",
        "the request body must be a JSON object");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "missing prompt|{\"model\":\"bigram-test\"}|prompt|'prompt' is required",
        "missing model|{\"prompt\":\"x\"}|model|'model' is required",
        "model not a string|{\"model\":7,\"prompt\":\"x\"}|model|'model' must be a string, got a number",
        "prompt an object|{\"model\":\"bigram-test\",\"prompt\":{}}|prompt|'prompt' must be a string, an array of token ids, or an array of strings or of token-id arrays, got an object",
        "empty prompt array|{\"model\":\"bigram-test\",\"prompt\":[]}|prompt|'prompt' must not be an empty array",
        "negative token id|{\"model\":\"bigram-test\",\"prompt\":[3,-1]}|prompt|'prompt' holds -1; values must be >= 0",
        "max_tokens a string|{\"model\":\"bigram-test\",\"prompt\":\"x\",\"max_tokens\":\"5\"}|max_tokens|'max_tokens' must be an integer, got a string",
        "max_tokens zero|{\"model\":\"bigram-test\",\"prompt\":\"x\",\"max_tokens\":0}|max_tokens|'max_tokens' must be >= 1, got 0",
        "negative temperature|{\"model\":\"bigram-test\",\"prompt\":\"x\",\"temperature\":-1}|temperature|'temperature' must be >= 0 (0 is greedy), got -1.0",
        "top_p zero|{\"model\":\"bigram-test\",\"prompt\":\"x\",\"top_p\":0}|top_p|'top_p' must be in (0, 1], got 0.0",
        "n zero|{\"model\":\"bigram-test\",\"prompt\":\"x\",\"n\":0}|n|'n' must be between 1 and 128, got 0",
        "echo not boolean|{\"model\":\"bigram-test\",\"prompt\":\"x\",\"echo\":\"yes\"}|echo|'echo' must be a boolean, got a string",
        "logprobs too many|{\"model\":\"bigram-test\",\"prompt\":\"x\",\"logprobs\":9}|logprobs|'logprobs' must be between 0 and 5, got 9",
        "stream|{\"model\":\"bigram-test\",\"prompt\":\"x\",\"stream\":true}|stream|'stream': streaming is not supported",
        "stop not strings|{\"model\":\"bigram-test\",\"prompt\":\"x\",\"stop\":[1]}|stop|'stop' must be a string or an array of strings, got a number",
        "out of vocabulary|{\"model\":\"bigram-test\",\"prompt\":\"caf\u00e9\"}|prompt|cannot tokenize the prompt: character not in vocabulary: U+233",
      })
  void completionFieldErrorsNameTheField(String name, String body, String param, String message)
      throws Exception {
    assertError(
        Http.post(uri("/completions"), body),
        400,
        "invalid_request_error",
        param,
        "invalid_value",
        message);
  }

  @Test
  void unknownModelIsA404LikeOpenAis() throws Exception {
    assertError(
        Http.post(uri("/completions"), "{\"model\":\"gpt-9\",\"prompt\":\"x\"}"),
        404,
        "invalid_request_error",
        "model",
        "model_not_found",
        "The model `gpt-9` does not exist.");
    assertEquals(
        404,
        Http.post(
                uri("/chat/completions"),
                "{\"model\":\"gpt-9\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")
            .status());
  }

  @Test
  void tokenIdsOutsideTheVocabularyAreTheModelsRefusal() throws Exception {
    Http.Response r =
        Http.post(uri("/completions"), "{\"model\":\"bigram-test\",\"prompt\":[3, 100000]}");
    assertError(
        r,
        400,
        "invalid_request_error",
        null,
        "invalid_value",
        "token id out of vocabulary: 100000");
  }

  @Test
  void unknownRoutesAndMethodsAnswerInTheSameShape() throws Exception {
    Http.Response missing = Http.get(uri("/embeddings"));
    assertEquals(404, missing.status());
    assertEquals("not_found_error", missing.error().get("type").asText());
    assertTrue(missing.error().has("message"));
    Http.Response wrongMethod = Http.get(uri("/completions"));
    assertEquals(405, wrongMethod.status());
    assertEquals("invalid_request_error", wrongMethod.error().get("type").asText());
  }
}
