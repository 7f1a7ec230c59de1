package org.c2lab.core.preset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.c2lab.core.template.ChatMessage;
import org.junit.jupiter.api.Test;

class ModelPresetsTest {

  @Test
  void registryHoldsTheTenPaperModelsWithTheirRepositories() {
    Map<String, String> repos = new LinkedHashMap<>();
    ModelPresets.all().forEach(p -> repos.put(p.id(), p.hfRepoId()));
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("llama2-chat-7b", "meta-llama/Llama-2-7b-chat-hf");
    expected.put("vicuna-7b-v1.5", "lmsys/vicuna-7b-v1.5");
    expected.put("zephyr-7b-beta", "HuggingFaceH4/zephyr-7b-beta");
    expected.put("llama3-8b-instruct", "meta-llama/Meta-Llama-3-8B-Instruct");
    expected.put("glm4-9b-chat", "THUDM/glm-4-9b-chat-hf");
    expected.put("qwen2-0.5b-instruct", "Qwen/Qwen2-0.5B-Instruct");
    expected.put("qwen2-1.5b-instruct", "Qwen/Qwen2-1.5B-Instruct");
    expected.put("qwen2-7b-instruct", "Qwen/Qwen2-7B-Instruct");
    expected.put("qwen2-72b-instruct", "Qwen/Qwen2-72B-Instruct");
    expected.put("phi3-mini-128k-instruct", "microsoft/Phi-3-mini-128k-instruct");
    assertEquals(expected, repos);
    assertEquals(List.copyOf(expected.keySet()), List.copyOf(ModelPresets.ids()));
  }

  @Test
  void familiesAreArchitectures() {
    assertEquals(ModelFamily.LLAMA, ModelPresets.get("vicuna-7b-v1.5").family());
    assertEquals(ModelFamily.MISTRAL, ModelPresets.get("zephyr-7b-beta").family());
    assertEquals(ModelFamily.LLAMA, ModelPresets.get("llama3-8b-instruct").family());
    assertEquals(ModelFamily.GLM4, ModelPresets.get("glm4-9b-chat").family());
    assertEquals(ModelFamily.QWEN2, ModelPresets.get("qwen2-72b-instruct").family());
    assertEquals(ModelFamily.PHI3, ModelPresets.get("phi3-mini-128k-instruct").family());
  }

  @Test
  void parameterCountsGrowWithTheQwen2Sizes() {
    long[] sizes =
        ModelPresets.all().stream()
            .filter(p -> p.family() == ModelFamily.QWEN2)
            .mapToLong(ModelPreset::parameterCount)
            .toArray();
    assertEquals(4, sizes.length);
    for (int i = 1; i < sizes.length; i++) {
      assertTrue(sizes[i] > sizes[i - 1]);
    }
    assertTrue(sizes[0] > 400_000_000L && sizes[3] < 80_000_000_000L);
  }

  @Test
  void unknownIdErrorListsTheValidIds() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ModelPresets.get("gpt-4o"));
    assertEquals(
        "unknown model preset 'gpt-4o'; valid ids: llama2-chat-7b, vicuna-7b-v1.5, zephyr-7b-beta,"
            + " llama3-8b-instruct, glm4-9b-chat, qwen2-0.5b-instruct, qwen2-1.5b-instruct,"
            + " qwen2-7b-instruct, qwen2-72b-instruct, phi3-mini-128k-instruct",
        e.getMessage());
    assertTrue(ModelPresets.find("gpt-4o").isEmpty());
  }

  @Test
  void chatTemplateIsTheBuiltInWithThePresetsTokens() {
    ModelPreset llama3 = ModelPresets.get("llama3-8b-instruct");
    assertEquals("llama3", llama3.chatTemplate().id());
    assertEquals("<|begin_of_text|>", llama3.chatTemplate().specialTokens().bosToken());
    assertEquals("<|eot_id|>", llama3.chatTemplate().specialTokens().eosToken());
    assertSame(llama3.chatTemplate(), llama3.chatTemplate());
  }

  @Test
  void vicunaGetsTheStandardV11SystemPromptPrepended() {
    ModelPreset vicuna = ModelPresets.get("vicuna-7b-v1.5");
    List<ChatMessage> chat = vicuna.withDefaultSystemPrompt(List.of(ChatMessage.user("Hello")));
    assertEquals(
        "<s>A chat between a curious user and an artificial intelligence assistant. The assistant gives"
            + " helpful, detailed, and polite answers to the user's questions.\n\nUSER: Hello\nASSISTANT:",
        vicuna.chatTemplate().renderGenerationPrompt(chat));
    List<ChatMessage> own = List.of(ChatMessage.system("Be brief."), ChatMessage.user("Hello"));
    assertSame(own, vicuna.withDefaultSystemPrompt(own));
  }

  @Test
  void qwen2DefaultSystemPromptIsTheOneItsTemplateAddsAnyway() {
    ModelPreset qwen = ModelPresets.get("qwen2-7b-instruct");
    List<ChatMessage> chat = List.of(ChatMessage.user("Hello"));
    assertEquals(
        qwen.chatTemplate().renderGenerationPrompt(chat),
        qwen.chatTemplate().renderGenerationPrompt(qwen.withDefaultSystemPrompt(chat)));
    List<ChatMessage> plain = List.of(ChatMessage.user("Hello"));
    assertSame(plain, ModelPresets.get("llama2-chat-7b").withDefaultSystemPrompt(plain));
  }

  @Test
  void constructorRejectsInvalidFieldsNamingThePreset() {
    IllegalArgumentException repo =
        assertThrows(
            IllegalArgumentException.class,
            () -> preset("x", "not-a-repo", "llama2", List.of("</s>"), 1));
    assertEquals(
        "model preset 'x': hfRepoId must look like owner/name, got not-a-repo", repo.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> preset("X Y", "a/b", "llama2", List.of("</s>"), 1));
    assertThrows(
        IllegalArgumentException.class, () -> preset("x", "a/b", "gpt", List.of("</s>"), 1));
    assertThrows(IllegalArgumentException.class, () -> preset("x", "a/b", "llama2", List.of(), 1));
    assertThrows(
        IllegalArgumentException.class, () -> preset("x", "a/b", "llama2", List.of("</s>"), 0));
  }

  private static ModelPreset preset(
      String id, String repo, String template, List<String> stops, long params) {
    return new ModelPreset(
        id, "X", repo, ModelFamily.LLAMA, template, "<s>", "</s>", stops, params, null);
  }

  @Test
  void malformedPresetDocumentsNameTheEntryAndField() throws Exception {
    ObjectMapper json = new ObjectMapper();
    IllegalArgumentException unknown =
        assertThrows(
            IllegalArgumentException.class,
            () -> ModelPresets.parse(json.readTree("[{\"id\": \"a\", \"size\": 1}]"), "p.json"));
    assertEquals("p.json[0]: unknown field 'size'", unknown.getMessage());
    IllegalArgumentException family =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ModelPresets.parse(
                    json.readTree("[{\"id\": \"a\", \"family\": \"GPT\"}]"), "p.json"));
    assertEquals(
        "p.json[0]: field 'family' must be one of [LLAMA, MISTRAL, QWEN2, PHI3, GLM4], got GPT",
        family.getMessage());
    IllegalArgumentException stops =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ModelPresets.parse(
                    json.readTree(
                        "[{\"id\": \"a\", \"family\": \"LLAMA\", \"stopTokens\": \"</s>\"}]"),
                    "p.json"));
    assertEquals("p.json[0]: field 'stopTokens' must be a list", stops.getMessage());
  }
}
