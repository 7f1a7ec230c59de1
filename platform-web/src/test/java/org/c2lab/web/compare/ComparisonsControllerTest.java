package org.c2lab.web.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.c2lab.web.account.TestTokens;
import org.c2lab.web.store.RunStoreFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /api/comparisons}: 401 without a principal, 400 and 404 for bad run ids, the preset. */
class ComparisonsControllerTest {
  @TempDir Path home;

  private TestTokens tokens;

  @Test
  void comparisonsValidateTheirRunsAndThePresetNamesMissingSlots() throws Exception {
    try (ApplicationContext context =
        ApplicationContext.builder(RunStoreFactory.ENVIRONMENT)
            .deduceEnvironment(false)
            .properties(
                Map.of(
                    "c2.home", home.toString(),
                    "c2.test.audit", "memory",
                    "c2.demo.enabled", "false",
                    "c2.queue.launch", "false",
                    "micronaut.server.port", -1))
            .start()) {
      EmbeddedServer server = context.getBean(EmbeddedServer.class);
      tokens = new TestTokens(context);
      server.start();
      try {
        String root = "http://127.0.0.1:" + server.getPort() + "/api/comparisons";
        HttpClient http = HttpClient.newHttpClient();
        ObjectMapper json = new ObjectMapper();

        HttpResponse<String> anonymous =
            http.send(
                post(root, "{\"runIds\":[\"a\",\"b\"]}", null),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, anonymous.statusCode());
        HttpResponse<String> one =
            http.send(
                post(root, "{\"runIds\":[\"a\"]}", "vera:VIEWER"),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, one.statusCode());
        assertEquals("runIds", json.readTree(one.body()).get("field").asText());
        HttpResponse<String> shape =
            http.send(
                post(root, "{\"runIds\":\"a\"}", "vera:VIEWER"),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, shape.statusCode());
        HttpResponse<String> unknown =
            http.send(
                post(root, "{\"runIds\":[\"a\",\"b\"]}", "vera:VIEWER"),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, unknown.statusCode(), unknown.body());

        HttpResponse<String> preset =
            http.send(
                HttpRequest.newBuilder(URI.create(root + "/presets/llama2-vs-qwen2-dpo"))
                    .header("Authorization", "Bearer " + tokens.of("vera:VIEWER"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, preset.statusCode(), preset.body());
        JsonNode body = json.readTree(preset.body());
        assertEquals("Llama2 vs Qwen2, before and after DPO", body.get("title").asText());
        assertEquals(4, body.get("missing").size());
        assertTrue(body.get("comparison").isNull());
        List<String> slots = List.of("llama2-base", "llama2-dpo", "qwen2-base", "qwen2-dpo");
        slots.forEach(s -> assertTrue(body.get("missing").has(s), s));
      } finally {
        server.stop();
      }
    }
  }

  private HttpRequest post(String uri, String body, String user) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(uri))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (user != null) {
      b.header("Authorization", "Bearer " + tokens.of(user));
    }
    return b.build();
  }
}
