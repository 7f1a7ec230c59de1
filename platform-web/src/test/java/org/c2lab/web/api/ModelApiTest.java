package org.c2lab.web.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.c2lab.core.provenance.Sha256;
import org.c2lab.train.init.InitSpec;
import org.c2lab.train.init.ModelInitializer;
import org.c2lab.train.model.ModelFamilies;
import org.c2lab.web.cli.TinyTokenizer;
import org.c2lab.web.serve.BigramServing;
import org.c2lab.web.serve.ModelServer;
import org.c2lab.web.serve.ServeOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /api/models and /api/presets over HTTP, with real tiny models. */
class ModelApiTest {
  private static final String KEY = "sk-test-0123456789abcdef";

  @TempDir static Path home;
  @TempDir static Path elsewhere;
  static ApiServer api;
  static ModelServer endpoint;

  @BeforeAll
  static void start() throws Exception {
    // DJL's PyTorch engine turns autograd off on the thread that first loads it, and the trainers
    // rely on that (TrainCommandTest, later in this JVM, fails with "a leaf Variable that requires
    // grad is being used in an in-place operation" otherwise): load it on the main thread, not on
    // the server's executor where the model test would load it first.
    ai.djl.engine.Engine.getEngine("PyTorch");
    tinyModel(home.resolve("models/tiny-llama"), 1);
    tinyModel(elsewhere.resolve("other"), 2);
    api = ApiServer.start(home);
    endpoint =
        ModelServer.start(
            BigramServing.handle(),
            new ServeOptions(
                "127.0.0.1", 0, Optional.of(ServeOptions.ApiKey.fromEnvironment("K", KEY)), 4));
  }

  @AfterAll
  static void stop() {
    endpoint.close();
    api.close();
  }

  static void tinyModel(Path out, long seed) throws Exception {
    Path tokenizerDir = Files.createDirectories(out.resolveSibling(out.getFileName() + "-tok"));
    ModelInitializer.write(
        InitSpec.builder()
            .family(ModelFamilies.byName("llama"))
            .shape(32, 2, 4, 2, 48)
            .maxPositions(64)
            .tokenizer(TinyTokenizer.write(tokenizerDir))
            .seed(seed)
            .out(out)
            .build());
  }

  @Test
  void foldersUnderC2HomeModelsAreListedDescribedAndHashedInTheBackground() throws Exception {
    ApiServer.Response list = api.get("/api/models", api.viewer);
    assertEquals(200, list.status(), list.text());
    JsonNode tiny = list.json().get(0);
    assertEquals("tiny-llama", tiny.get("id").asText());
    assertEquals("local", tiny.get("kind").asText());
    assertTrue(tiny.get("discovered").asBoolean());
    assertEquals("LlamaForCausalLM", tiny.get("architecture").asText());
    assertTrue(tiny.get("parameters").asLong() > 1000, tiny.toString());
    assertTrue(tiny.get("sizeBytes").asLong() > 0);

    JsonNode done = awaitHashed("tiny-llama");
    String expected = Sha256.of(home.resolve("models/tiny-llama/model.safetensors"));
    assertEquals(expected, done.get("fileHashes").get("model.safetensors").asText());
    assertTrue(done.get("fileHashes").has("tokenizer.json"));
  }

  @Test
  void aLocalModelPassesItsOneGenerationTest() throws Exception {
    ApiServer.Response r = api.post("/api/models/tiny-llama/test", api.researcher, "{}");
    assertEquals(200, r.status(), r.text());
    assertTrue(r.json().get("latencyMs").asLong() >= 0);
    assertTrue(r.json().has("text"));
    assertTrue(r.json().get("prompt").asText().startsWith("Once upon a time"));
    assertEquals(403, api.post("/api/models/tiny-llama/test", api.viewer, "{}").status());
    assertEquals(404, api.post("/api/models/nope/test", api.researcher, "{}").status());
  }

  @Test
  void researchersRegisterFoldersAndViewersCannot() throws Exception {
    Map<String, Object> body =
        Map.of("name", "Other Tiny", "path", elsewhere.resolve("other").toString());
    assertEquals(403, api.post("/api/models", api.viewer, body).status());
    ApiServer.Response created = api.post("/api/models", api.researcher, body);
    assertEquals(201, created.status(), created.text());
    assertEquals("other-tiny", created.json().get("id").asText());
    assertEquals("ria", created.json().get("createdBy").asText());
    assertEquals(409, api.post("/api/models", api.researcher, body).status());

    ApiServer.Response notAModel =
        api.post(
            "/api/models", api.researcher, Map.of("path", elsewhere.resolve("missing").toString()));
    assertEquals(400, notAModel.status());
    assertEquals("path", notAModel.field());
    ApiServer.Response neither = api.post("/api/models", api.researcher, Map.of("name", "x"));
    assertEquals(400, neither.status());

    assertEquals(204, api.delete("/api/models/other-tiny", api.researcher).status());
    assertEquals(404, api.get("/api/models/other-tiny", api.viewer).status());
    ApiServer.Response discovered = api.delete("/api/models/tiny-llama", api.admin);
    assertEquals(409, discovered.status());
  }

  @Test
  void aRemoteEndpointKeepsItsKeyServerSideAndPassesItsTest() throws Exception {
    Map<String, Object> body = new HashMap<>();
    body.put("name", "bigram endpoint");
    body.put("presetId", "llama2-chat-7b");
    body.put("url", endpoint.apiRoot().toString());
    body.put("servedName", BigramServing.NAME);
    body.put("apiKey", KEY);
    ApiServer.Response created = api.post("/api/models", api.researcher, body);
    assertEquals(201, created.status(), created.text());
    String id = created.json().get("id").asText();
    assertEquals("****cdef", created.json().get("apiKey").asText());
    assertFalse(created.text().contains(KEY));
    assertFalse(api.get("/api/models", api.viewer).text().contains(KEY));
    assertFalse(api.get("/api/models/" + id, api.viewer).text().contains(KEY));

    ApiServer.Response test = api.post("/api/models/" + id + "/test", api.researcher, "{}");
    assertEquals(200, test.status(), test.text());
    assertFalse(test.json().get("text").asText().isEmpty());

    ApiServer.Response presets = api.get("/api/presets", api.viewer);
    assertEquals(10, presets.json().size());
    JsonNode llama2 = null;
    for (JsonNode p : presets.json()) {
      if (p.get("id").asText().equals("llama2-chat-7b")) {
        llama2 = p;
      }
    }
    assertEquals(id, llama2.get("endpoints").get(0).asText());
  }

  @Test
  void aFailingEndpointTestAnswersWithTheReason() throws Exception {
    Map<String, Object> body = new HashMap<>();
    body.put("name", "wrong key");
    body.put("presetId", "llama2-chat-7b");
    body.put("url", endpoint.apiRoot().toString());
    body.put("servedName", BigramServing.NAME);
    body.put("apiKey", "sk-wrong-key-000000000");
    ApiServer.Response created = api.post("/api/models", api.researcher, body);
    assertEquals(201, created.status(), created.text());
    ApiServer.Response test =
        api.post(
            "/api/models/" + created.json().get("id").asText() + "/test", api.researcher, "{}");
    assertEquals(502, test.status(), test.text());
    assertTrue(test.message().contains("401"), test.text());
    assertFalse(test.text().contains("sk-wrong-key-000000000"));

    ApiServer.Response badPreset =
        api.post(
            "/api/models", api.researcher, Map.of("presetId", "gpt-9", "url", "http://x:1/v1"));
    assertEquals("presetId", badPreset.field());
    ApiServer.Response badUrl =
        api.post(
            "/api/models", api.researcher, Map.of("presetId", "llama2-chat-7b", "url", "ftp://x"));
    assertEquals("url", badUrl.field());
  }

  private static JsonNode awaitHashed(String id) throws Exception {
    for (int i = 0; i < 200; i++) {
      JsonNode m = api.get("/api/models/" + id, api.viewer).json();
      if (!m.get("hashStatus").asText().equals("hashing")) {
        assertEquals("done", m.get("hashStatus").asText(), m.toString());
        return m;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("still hashing after 10 s");
  }
}
