package org.c2lab.web.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.HashSet;
import java.util.Set;
import org.c2lab.core.model.BigramLanguageModel;
import org.c2lab.web.backend.ModelHandle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /v1/models} and {@code /v1/completions}: response shapes, decoding fields, logprobs. */
class CompletionsEndpointTest {
  private static final BigramLanguageModel BIGRAM = BigramLanguageModel.small();
  private static ModelHandle served;
  private static ModelServer server;

  @BeforeAll
  static void start() {
    served = BigramServing.handle(BIGRAM);
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

  static Http.Response complete(String body) throws Exception {
    return Http.post(uri("/completions"), body);
  }

  @Test
  void listsTheServedModel() throws Exception {
    Http.Response r = Http.get(uri("/models"));
    assertEquals(200, r.status());
    assertEquals("list", r.json().get("object").asText());
    assertEquals(1, r.json().get("data").size());
    JsonNode card = r.json().get("data").get(0);
    assertEquals(BigramServing.NAME, card.get("id").asText());
    assertEquals("model", card.get("object").asText());
    assertEquals(4096, card.get("max_model_len").asInt());
  }

  @Test
  void completesATextPromptInOpenAisShape() throws Exception {
    Http.Response r =
        complete(
            "{\"model\":\"bigram-test\",\"prompt\":\"The answer is\",\"temperature\":0,"
                + "\"max_tokens\":5}");
    assertEquals(200, r.status(), r.raw().body());
    assertTrue(
        r.raw().headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    JsonNode j = r.json();
    assertTrue(j.get("id").asText().startsWith("cmpl-"), j.toString());
    assertEquals("text_completion", j.get("object").asText());
    assertTrue(j.get("created").asLong() > 1_700_000_000L);
    assertEquals("bigram-test", j.get("model").asText());
    JsonNode choice = j.get("choices").get(0);
    assertEquals(0, choice.get("index").asInt());
    assertTrue(choice.get("logprobs").isNull());
    assertTrue(Set.of("stop", "length").contains(choice.get("finish_reason").asText()));
    assertTrue(choice.get("text").asText().length() <= 5);
    assertEquals(13, j.get("usage").get("prompt_tokens").asInt());
    int completion = j.get("usage").get("completion_tokens").asInt();
    assertTrue(completion >= 1 && completion <= 5);
    assertEquals(13 + completion, j.get("usage").get("total_tokens").asInt());
  }

  @Test
  void tokenIdPromptsGiveWhatTheirTextGives() throws Exception {
    String ids = java.util.Arrays.toString(BigramLanguageModel.encode("Once upon"));
    String asText =
        text(complete("{\"model\":\"bigram-test\",\"prompt\":\"Once upon\",\"temperature\":0}"), 0);
    String asIds =
        text(complete("{\"model\":\"bigram-test\",\"prompt\":" + ids + ",\"temperature\":0}"), 0);
    assertEquals(asText, asIds);
  }

  @Test
  void choiceIOfASeededRequestIsTheSampleOfSeedPlusI() throws Exception {
    Http.Response three =
        complete("{\"model\":\"bigram-test\",\"prompt\":\"The\",\"n\":3,\"seed\":40}");
    assertEquals(3, three.json().get("choices").size());
    for (int i = 0; i < 3; i++) {
      Http.Response one =
          complete("{\"model\":\"bigram-test\",\"prompt\":\"The\",\"seed\":" + (40 + i) + "}");
      assertEquals(text(one, 0), text(three, i));
      assertEquals(i, three.json().get("choices").get(i).get("index").asInt());
    }
  }

  @Test
  void aBatchOfPromptsListsNChoicesPerPromptInOrder() throws Exception {
    Http.Response r =
        complete(
            "{\"model\":\"bigram-test\",\"prompt\":[\"The\",\"Once\"],\"n\":2,\"temperature\":0,"
                + "\"max_tokens\":4}");
    assertEquals(200, r.status(), r.raw().body());
    assertEquals(4, r.json().get("choices").size());
    String once =
        text(
            complete(
                "{\"model\":\"bigram-test\",\"prompt\":\"Once\",\"temperature\":0,\"max_tokens\":4}"),
            0);
    assertEquals(once, text(r, 2));
    assertEquals(once, text(r, 3));
    assertEquals(3 + 4, r.json().get("usage").get("prompt_tokens").asInt());
  }

  @Test
  void stopsBeforeAStopString() throws Exception {
    String free =
        text(
            complete(
                "{\"model\":\"bigram-test\",\"prompt\":\"The\",\"temperature\":0,\"max_tokens\":20}"),
            0);
    String stop = free.substring(3, 4);
    Http.Response r =
        complete(
            "{\"model\":\"bigram-test\",\"prompt\":\"The\",\"temperature\":0,\"max_tokens\":20,"
                + "\"stop\":\""
                + stop
                + "\"}");
    assertEquals(free.substring(0, free.indexOf(stop)), text(r, 0));
    assertEquals("stop", r.json().get("choices").get(0).get("finish_reason").asText());
  }

  @Test
  void echoWithLogprobsScoresEveryPromptTokenAsTheModelDoes() throws Exception {
    Http.Response r =
        complete(
            "{\"model\":\"bigram-test\",\"prompt\":\"The rain\",\"echo\":true,\"logprobs\":1,"
                + "\"max_tokens\":1,\"temperature\":0}");
    assertEquals(200, r.status(), r.raw().body());
    JsonNode choice = r.json().get("choices").get(0);
    assertTrue(choice.get("text").asText().startsWith("The rain"));
    JsonNode lp = choice.get("logprobs");
    assertEquals("T", lp.get("tokens").get(0).asText());
    assertEquals(" ", lp.get("tokens").get(3).asText());
    assertTrue(lp.get("token_logprobs").get(0).isNull(), "the first token has no context");
    int[] ids = BigramLanguageModel.encode("The rain");
    for (int i = 1; i < ids.length; i++) {
      double expected = BIGRAM.nextLogProbs(ids[i - 1])[ids[i]];
      assertEquals(expected, lp.get("token_logprobs").get(i).asDouble(), 1e-12);
      assertEquals(i, lp.get("text_offset").get(i).asInt());
    }
    int generated = r.json().get("usage").get("completion_tokens").asInt();
    assertEquals(ids.length + generated, lp.get("token_logprobs").size());
    assertTrue(lp.get("top_logprobs").isNull());
  }

  @Test
  void logprobsCanNameTokensByTheirIds() throws Exception {
    Http.Response r =
        complete(
            "{\"model\":\"bigram-test\",\"prompt\":\"The\",\"logprobs\":0,\"max_tokens\":3,"
                + "\"temperature\":0,\"return_tokens_as_token_ids\":true}");
    JsonNode lp = r.json().get("choices").get(0).get("logprobs");
    String text = text(r, 0);
    for (int i = 0; i < text.length(); i++) {
      int id = BigramLanguageModel.encode(text.substring(i, i + 1))[0];
      assertEquals("token_id:" + id, lp.get("tokens").get(i).asText());
      assertEquals(3 + i, lp.get("text_offset").get(i).asInt(), "offsets follow the prompt");
    }
  }

  @Test
  void aStopOnEndOfTextListsThatTokenLikeVllm() throws Exception {
    // After a full stop the corpus mostly ends its line: greedy decoding picks end-of-text.
    Http.Response r =
        complete(
            "{\"model\":\"bigram-test\",\"prompt\":\"station.\",\"logprobs\":1,\"max_tokens\":4,"
                + "\"temperature\":0,\"return_tokens_as_token_ids\":true}");
    JsonNode choice = r.json().get("choices").get(0);
    assertEquals("", choice.get("text").asText());
    assertEquals("stop", choice.get("finish_reason").asText());
    JsonNode lp = choice.get("logprobs");
    assertEquals("token_id:" + BigramLanguageModel.EOS, lp.get("tokens").get(0).asText());
    assertEquals(1, r.json().get("usage").get("completion_tokens").asInt());
  }

  @Test
  void differentSeedsDiffer() throws Exception {
    Set<String> texts = new HashSet<>();
    for (int seed = 0; seed < 6; seed++) {
      texts.add(
          text(
              complete("{\"model\":\"bigram-test\",\"prompt\":\"The\",\"seed\":" + seed + "}"), 0));
    }
    assertTrue(texts.size() >= 2, texts.toString());
  }

  static String text(Http.Response r, int choice) {
    assertEquals(200, r.status(), r.raw().body());
    return r.json().get("choices").get(choice).get("text").asText();
  }
}
