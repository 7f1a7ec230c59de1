package org.c2lab.core.template.jinja;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.c2lab.core.testing.SharedFixtures;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The 32 golden renderings of llama.cpp's tests/test-chat-template.cpp (shared fixture), rendered
 * by our engine through {@link LlamaCppChatPipeline}, which mirrors how llama.cpp feeds minja.
 */
class LlamaCppGoldenCasesTest {
  private static final String FIXTURE =
      "models/chat-templates/llama.cpp-golden/test-chat-template-cases.json";

  @SuppressWarnings("unchecked")
  private static Map<String, Object> fixture() throws IOException {
    Path path = SharedFixtures.require(FIXTURE);
    return new ObjectMapper().readValue(path.toFile(), new TypeReference<Map<String, Object>>() {});
  }

  @SuppressWarnings("unchecked")
  static Stream<Arguments> cases() throws IOException {
    Map<String, Object> root = fixture();
    List<Map<String, Object>> conversation = (List<Map<String, Object>>) root.get("conversation");
    List<Map<String, Object>> cases = (List<Map<String, Object>>) root.get("cases");
    return cases.stream().map(c -> Arguments.of(c.get("name"), c, conversation));
  }

  @Test
  void chatGlm3DiffersFromMinjaOnlyByTheSpaceJinja2Keeps() throws IOException {
    Map<String, Object> c =
        cases()
            .map(a -> (Map<String, Object>) a.get()[1])
            .filter(m -> "ChatGLM3".equals(m.get("name")))
            .findFirst()
            .orElseThrow();
    String jinja2 = (String) c.get("expected_output");
    String minja = (String) c.get("expected_output_jinja");
    assertEquals(minja, jinja2.replace("|>\n ", "|>\n"));
  }

  @Test
  void fixtureHoldsThirtyTwoCasesRenderedWithAGenerationPrompt() throws IOException {
    Map<String, Object> root = fixture();
    assertEquals(32, ((List<?>) root.get("cases")).size());
    assertEquals(true, root.get("add_generation_prompt"));
  }

  /**
   * Cases where minja, which produced llama.cpp's Jinja goldens, departs from Jinja2 (what
   * transformers runs, and what this engine follows). For these the Jinja2 result is asserted,
   * which here equals llama.cpp's built-in formatter output ({@code expected_output}).
   */
  private static final Map<String, String> MINJA_DIFFERENCES =
      Map.of(
          "ChatGLM3",
          "minja applies lstrip_blocks before {{ }} too, eating the space in '|>\\n {{ content }}';"
              + " Jinja2 strips only before {% %} and {# #}, so the space stays");

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rendersLikeMinjaInLlamaCpp(
      String name, Map<String, Object> c, List<Map<String, Object>> conversation) {
    String source = (String) c.get("template_str");
    // The fixture's template_str is null for this case: there is no template text to render.
    Assumptions.assumeTrue(source != null, "the fixture has no template text for " + name);
    String expected = (String) c.get("expected_output_jinja");
    if (expected == null || expected.isEmpty() || MINJA_DIFFERENCES.containsKey(name)) {
      expected = (String) c.get("expected_output");
    }
    Template template = Template.parse(name, source, TemplateOptions.huggingFace());
    LlamaCppChatPipeline pipeline =
        new LlamaCppChatPipeline(
            template, (String) c.get("bos_token"), (String) c.get("eos_token"));
    if (Boolean.FALSE.equals(c.get("supported_with_jinja"))) {
      // Upstream checks this case against its built-in formatter only: the template reads
      // additional_special_tokens, which neither llama.cpp nor this fixture supplies. Without it,
      // Jinja2 fails on subscripting an undefined value, and so must we.
      TemplateException e =
          assertThrows(TemplateException.class, () -> pipeline.render(conversation, true));
      assertEquals("'additional_special_tokens' is undefined", e.detail());
      return;
    }
    assertEquals(expected, pipeline.render(conversation, true));
  }
}
