package org.c2lab.web.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.c2lab.web.cli.TinyModels;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lab server answers OpenAI requests for every model folder under $C2_HOME/models. */
class HomeServedModelsTest {
  @TempDir Path home;
  private ApplicationContext context;
  private URI v1;

  @BeforeEach
  void start() throws Exception {
    System.setProperty("c2.home", home.toString());
    for (String name : new String[] {"tiny-a", "tiny-b"}) {
      TinyModels.llama(home.resolve("models").resolve(name), home);
    }
    context =
        ApplicationContext.builder()
            .environments("server")
            .deduceEnvironment(false)
            .properties(
                Map.of(
                    "c2.home",
                    home.toString(),
                    "c2.demo.enabled",
                    false,
                    "c2.serve.max-open-models",
                    1,
                    "micronaut.server.port",
                    -1,
                    "datasources.default.url",
                    "jdbc:h2:mem:" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE"))
            .start();
    EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
    v1 = URI.create("http://127.0.0.1:" + server.getPort() + "/v1/");
  }

  @AfterEach
  void stop() {
    context.close();
    System.clearProperty("c2.home");
  }

  @Test
  void listsEveryModelFolderAndServesOneByItsFolderName() throws Exception {
    Http.Response models = Http.get(v1.resolve("models"));
    assertEquals(200, models.status(), models.raw().body());
    assertEquals("tiny-a", models.json().get("data").get(0).get("id").asText());
    assertEquals("tiny-b", models.json().get("data").get(1).get("id").asText());
    assertEquals(64, models.json().get("data").get(0).get("max_model_len").asInt());

    Http.Response done =
        Http.post(
            v1.resolve("completions"),
            "{\"model\":\"tiny-a\",\"prompt\":\"ab\",\"max_tokens\":3,\"temperature\":0}");
    assertEquals(200, done.status(), done.raw().body());
    assertFalse(done.json().get("choices").isEmpty());
  }

  @Test
  void refusesAnUnknownModelAndASecondModelBeyondTheOpenLimit() throws Exception {
    Http.Response unknown =
        Http.post(
            v1.resolve("completions"), "{\"model\":\"nope\",\"prompt\":\"ab\",\"max_tokens\":1}");
    assertEquals(404, unknown.status(), unknown.raw().body());

    assertEquals(
        200,
        Http.post(
                v1.resolve("completions"),
                "{\"model\":\"tiny-a\",\"prompt\":\"a\",\"max_tokens\":1}")
            .status());
    Http.Response second =
        Http.post(
            v1.resolve("completions"), "{\"model\":\"tiny-b\",\"prompt\":\"a\",\"max_tokens\":1}");
    assertEquals(503, second.status(), second.raw().body());
    assertTrue(second.error().get("message").asText().contains("c2.serve.max-open-models"));
  }
}
