package org.c2lab.web.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.c2lab.web.api.ApiServer;
import org.c2lab.web.cli.TinyModels;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lab server answers OpenAI requests for every model folder under $C2_HOME/models. */
class HomeServedModelsTest {
  @TempDir Path home;
  private ApiServer server;

  @BeforeEach
  void start() throws Exception {
    System.setProperty("c2.home", home.toString());
    for (String name : new String[] {"tiny-a", "tiny-b"}) {
      TinyModels.llama(home.resolve("models").resolve(name), home);
    }
    server = ApiServer.start(home, Map.of("c2.serve.max-open-models", 1));
  }

  @AfterEach
  void stop() {
    server.close();
    System.clearProperty("c2.home");
  }

  private ApiServer.Response complete(String model, String token) throws Exception {
    return server.post(
        "/v1/completions",
        token,
        "{\"model\":\"" + model + "\",\"prompt\":\"ab\",\"max_tokens\":3,\"temperature\":0}");
  }

  @Test
  void listsEveryModelFolderAndServesOneByItsFolderName() throws Exception {
    ApiServer.Response models = server.get("/v1/models", server.viewer);
    assertEquals(200, models.status(), models.text());
    assertEquals("tiny-a", models.json().get("data").get(0).get("id").asText());
    assertEquals("tiny-b", models.json().get("data").get(1).get("id").asText());
    assertEquals(64, models.json().get("data").get(0).get("max_model_len").asInt());

    ApiServer.Response done = complete("tiny-a", server.researcher);
    assertEquals(200, done.status(), done.text());
    assertFalse(done.json().get("choices").isEmpty());
  }

  @Test
  void requiresATokenAndRefusesUnknownModelsAndModelsBeyondTheOpenLimit() throws Exception {
    assertEquals(401, complete("tiny-a", null).status());
    assertEquals(404, complete("nope", server.researcher).status());
    assertEquals(200, complete("tiny-a", server.researcher).status());
    ApiServer.Response second = complete("tiny-b", server.researcher);
    assertEquals(503, second.status(), second.text());
    assertTrue(second.text().contains("c2.serve.max-open-models"), second.text());
  }
}
