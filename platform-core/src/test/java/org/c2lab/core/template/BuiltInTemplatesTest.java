package org.c2lab.core.template;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.c2lab.core.testing.SharedFixtures;
import org.junit.jupiter.api.Test;

/** The shipped templates are byte-exact copies of the sources named in builtin/README.md. */
class BuiltInTemplatesTest {
  private static final String DIR = "models/chat-templates/";

  private static String shared(String relative) throws IOException {
    return Files.readString(SharedFixtures.require(DIR + relative));
  }

  private static String builtIn(String id) {
    return BuiltInTemplates.source(id);
  }

  @Test
  void ggufTemplatesAreVerbatim() throws IOException {
    assertEquals(shared("from-gguf-metadata/llama2-7b-chat.jinja"), builtIn("llama2"));
    assertEquals(shared("from-gguf-metadata/llama3-8b-instruct.jinja"), builtIn("llama3"));
    assertEquals(shared("from-gguf-metadata/glm4-9b.jinja"), builtIn("glm4"));
    assertEquals(shared("from-gguf-metadata/qwen2-0.5b-instruct.jinja"), builtIn("qwen2"));
    assertEquals(shared("from-gguf-metadata/phi3-3.8b-mini-instruct.jinja"), builtIn("phi3"));
  }

  @Test
  void vicunaIsChujiezhengsTemplateFlattenedAsItsReadmePrescribes() throws IOException {
    String original = shared("chujiezheng/vicuna.jinja");
    assertEquals(original.replace("    ", "").replace("\n", ""), builtIn("vicuna"));
  }

  @Test
  void zephyrIsTheZephyrEntryOfOllamasTemplateIndex() throws IOException {
    JsonNode index =
        new ObjectMapper()
            .readTree(SharedFixtures.require(DIR + "ollama/template-index.json").toFile());
    assertEquals("zephyr", index.get(2).get("name").asText());
    assertEquals(index.get(2).get("template").asText(), builtIn("zephyr"));
  }

  @Test
  void phi3IsThePhi3MiniTokenizerConfigsTemplate() {
    Path config = SharedFixtures.require("models/tokenizers/phi-3-mini-hf/tokenizer_config.json");
    assertEquals(TokenizerConfig.read(config).chatTemplate(null), builtIn("phi3"));
  }
}
