package org.c2lab.core.preset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.c2lab.core.template.ChatMessage;
import org.c2lab.core.template.ChatTemplate;
import org.c2lab.core.template.PromptMode;
import org.c2lab.core.template.RenderedPrompt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Prefill prompts of the ten presets. Expected strings were derived by hand from each official
 * template (see template/builtin/README.md), not copied from the renderer.
 */
class PresetPromptsTest {
  private static final String PREFIX = "Sure, here is";
  private static final List<ChatMessage> ASK = List.of(ChatMessage.user("Hello"));
  private static final List<ChatMessage> PREFILL =
      List.of(ChatMessage.user("Hello"), ChatMessage.assistant(PREFIX));

  /** The text that opens an assistant reply, per template. */
  private static final Map<String, String> ASSISTANT_HEADER =
      Map.of(
          "llama2", "[/INST]",
          "vicuna", "ASSISTANT:",
          "zephyr", "<|assistant|>\n",
          "llama3", "<|start_header_id|>assistant<|end_header_id|>\n\n",
          "glm4", "<|assistant|>",
          "qwen2", "<|im_start|>assistant\n",
          "phi3", "<|assistant|>\n");

  static Stream<ModelPreset> presets() {
    return ModelPresets.all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("presets")
  void continuationEndsExactlyWithThePrefixAndStartsTheClosedChat(ModelPreset preset) {
    ChatTemplate template = preset.chatTemplate();
    String prompt = template.renderContinuation(PREFILL);
    assertTrue(prompt.endsWith(PREFIX), prompt);
    // What the closed chat adds after the prefix (end-of-turn tokens) is exactly what is cut off;
    // GLM-4 writes no end-of-turn token, so there the two are equal.
    assertTrue(template.render(PREFILL, false).startsWith(prompt));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("presets")
  void generationPromptEndsWithTheAssistantHeader(ModelPreset preset) {
    String header = ASSISTANT_HEADER.get(preset.templateId());
    assertTrue(preset.chatTemplate().renderGenerationPrompt(ASK).endsWith(header));
  }

  static Stream<Arguments> handWritten() {
    String qwenAsk =
        "<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\nHello<|im_end|>\n";
    String llama3Ask =
        "<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nHello<|eot_id|>";
    String llama3Header = "<|start_header_id|>assistant<|end_header_id|>\n\n";
    return Stream.of(
        Arguments.of(
            "llama2-chat-7b",
            "<s>[INST] Hello [/INST]",
            "<s>[INST] Hello [/INST] Sure, here is",
            "<s>[INST] Hello [/INST] Sure, here is "),
        Arguments.of(
            "vicuna-7b-v1.5",
            "<s>USER: Hello\nASSISTANT:",
            "<s>USER: Hello\nASSISTANT: Sure, here is",
            "<s>USER: Hello\nASSISTANT: Sure, here is\nASSISTANT:"),
        Arguments.of(
            "zephyr-7b-beta",
            "<|user|>\nHello</s>\n<|assistant|>\n",
            "<|user|>\nHello</s>\n<|assistant|>\nSure, here is",
            "<|user|>\nHello\n<|assistant|>\nSure, here is\n<|assistant|>\n"),
        Arguments.of(
            "llama3-8b-instruct",
            llama3Ask + llama3Header,
            llama3Ask + llama3Header + PREFIX,
            llama3Ask + llama3Header + PREFIX + "<|eot_id|>" + llama3Header),
        Arguments.of(
            "glm4-9b-chat",
            "[gMASK]<sop><|user|>\nHello<|assistant|>",
            "[gMASK]<sop><|user|>\nHello<|assistant|>\nSure, here is",
            "[gMASK]<sop><|user|>\nHello<|assistant|>\nSure, here is<|assistant|>"),
        Arguments.of(
            "qwen2-7b-instruct",
            qwenAsk + "<|im_start|>assistant\n",
            qwenAsk + "<|im_start|>assistant\nSure, here is",
            qwenAsk + "<|im_start|>assistant\nSure, here is<|im_end|>\n<|im_start|>assistant\n"),
        Arguments.of(
            "phi3-mini-128k-instruct",
            "<|user|>\nHello<|end|>\n<|assistant|>\n",
            "<|user|>\nHello<|end|>\n<|assistant|>\nSure, here is",
            "<|user|>\nHello<|end|>\n<|assistant|>\nSure, here is<|end|>\n<|assistant|>\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("handWritten")
  void fullPromptsMatchTheOfficialTemplates(
      String presetId, String generation, String continuation, String reference) {
    ChatTemplate template = ModelPresets.get(presetId).chatTemplate();
    assertEquals(generation, template.renderGenerationPrompt(ASK));
    assertEquals(
        continuation, template.renderPrompt(PREFILL, PromptMode.CONTINUE_FINAL_MESSAGE).text());
    assertEquals(reference, template.renderPrompt(PREFILL, PromptMode.REFERENCE).text());
  }

  @Test
  void referenceModeLeavesTheLlama2TurnOpenLikeContinuationPlusATrailingSpace() {
    ChatTemplate llama2 = ModelPresets.get("llama2-chat-7b").chatTemplate();
    String reference = llama2.renderPrompt(PREFILL, PromptMode.REFERENCE).text();
    assertEquals(llama2.renderContinuation(PREFILL) + " ", reference);
    assertFalse(reference.contains("</s>"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("presetsWithTheReferenceDefect")
  void referenceModeOpensANewAssistantTurnAfterThePrefix(String presetId) {
    ModelPreset preset = ModelPresets.get(presetId);
    String reference = preset.chatTemplate().renderPrompt(PREFILL, PromptMode.REFERENCE).text();
    String afterPrefix = reference.substring(reference.lastIndexOf(PREFIX) + PREFIX.length());
    String header = ASSISTANT_HEADER.get(preset.templateId());
    assertTrue(afterPrefix.endsWith(header), reference);
    assertFalse(preset.chatTemplate().renderContinuation(PREFILL).endsWith(header));
  }

  /**
   * The protocol names ChatML (Qwen2), Llama-3, Zephyr and Phi-3, where the prefix's turn is also
   * closed. With the shipped templates Vicuna and GLM-4 are affected too: no end-of-turn token
   * survives, but a second assistant header follows the prefix.
   */
  static Stream<String> presetsWithTheReferenceDefect() {
    return Stream.of(
        "qwen2-0.5b-instruct",
        "llama3-8b-instruct",
        "zephyr-7b-beta",
        "phi3-mini-128k-instruct",
        "vicuna-7b-v1.5",
        "glm4-9b-chat");
  }

  @Test
  void renderedPromptRecordsTheModeAndTheTemplate() {
    ChatTemplate qwen = ModelPresets.get("qwen2-1.5b-instruct").chatTemplate();
    RenderedPrompt p = qwen.renderPrompt(PREFILL, PromptMode.REFERENCE);
    assertEquals(PromptMode.REFERENCE, p.mode());
    assertEquals("qwen2", p.templateId());
    assertEquals(qwen.sha256(), p.templateSha256());
  }
}
