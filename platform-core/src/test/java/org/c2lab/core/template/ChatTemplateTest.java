package org.c2lab.core.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.c2lab.core.template.jinja.TemplateException;
import org.c2lab.core.template.jinja.TemplateRaisedException;
import org.junit.jupiter.api.Test;

class ChatTemplateTest {
  /** Renders each message verbatim between role tags; no generation-prompt support needed. */
  private static final String TAGGED =
      "{{ bos_token }}{% for m in messages %}<{{ m.role }}>{{ m.content }}</{{ m.role }}>{% endfor %}"
          + "{% if add_generation_prompt %}<assistant>{% endif %}";

  private static ChatTemplate tagged() {
    return ChatTemplate.of("tagged", TAGGED, SpecialTokens.of("<s>", "</s>"));
  }

  @Test
  void rendersMessagesWithSpecialTokensAndGenerationPrompt() {
    List<ChatMessage> chat = List.of(ChatMessage.system("S"), ChatMessage.user("Hi"));
    assertEquals("<s><system>S</system><user>Hi</user>", tagged().render(chat, false));
    assertEquals(
        "<s><system>S</system><user>Hi</user><assistant>", tagged().renderGenerationPrompt(chat));
  }

  @Test
  void absentSpecialTokensAreUndefinedAndToolsAreNoneAsInTransformers() {
    ChatTemplate t =
        ChatTemplate.of(
            "probe",
            "{{ bos_token is defined }} {{ eos_token }} {{ tools is none }} {{ documents is none }}",
            SpecialTokens.of(null, "</s>"));
    assertEquals("False </s> True True", t.render(List.of(), false));
  }

  @Test
  void extraVariablesReachTheTemplateButCannotReplaceTheChat() {
    ChatTemplate t =
        ChatTemplate.of(
            "tools", "{{ tools | map(attribute='name') | join(',') }}", SpecialTokens.NONE);
    assertEquals(
        "f,g",
        t.render(
            List.of(), false, Map.of("tools", List.of(Map.of("name", "f"), Map.of("name", "g")))));
    assertThrows(
        IllegalArgumentException.class,
        () -> t.render(List.of(), false, Map.of("messages", List.of())));
  }

  @Test
  void templateRaisedExceptionsSurfaceTyped() {
    ChatTemplate t =
        ChatTemplate.of("strict", "{{ raise_exception('no system role') }}", SpecialTokens.NONE);
    TemplateRaisedException e =
        assertThrows(TemplateRaisedException.class, () -> t.render(List.of(), true));
    assertEquals("no system role", e.detail());
    assertEquals("strict", e.templateName());
  }

  @Test
  void continuationCutsRightAfterTheFinalMessageSoTheTurnStaysOpen() {
    List<ChatMessage> chat =
        List.of(ChatMessage.user("Hi"), ChatMessage.assistant("Sure, here is"));
    assertEquals("<s><user>Hi</user><assistant>Sure, here is", tagged().renderContinuation(chat));
  }

  @Test
  void continuationKeepsTrailingWhitespaceOnlyWhenTheTemplateRendersItVerbatim() {
    List<ChatMessage> chat = List.of(ChatMessage.user("Hi"), ChatMessage.assistant("Sure, "));
    assertEquals("<s><user>Hi</user><assistant>Sure, ", tagged().renderContinuation(chat));
    ChatTemplate trimming =
        ChatTemplate.of(
            "trimming",
            "{% for m in messages %}[{{ m.content | trim }}]{% endfor %}",
            SpecialTokens.NONE);
    assertEquals("[Hi][Sure,", trimming.renderContinuation(chat));
  }

  @Test
  void continuationOfContentWithLeadingWhitespaceCutsAfterTheStrippedText() {
    // transformers compares the rendered slice with the unstripped message, which then differs.
    List<ChatMessage> chat = List.of(ChatMessage.user("Hi"), ChatMessage.assistant("  Sure  "));
    assertEquals("<s><user>Hi</user><assistant>  Sure", tagged().renderContinuation(chat));
  }

  @Test
  void continuationUsesTheLastOccurrenceOfTheContent() {
    List<ChatMessage> chat = List.of(ChatMessage.user("Sure"), ChatMessage.assistant("Sure"));
    assertEquals("<s><user>Sure</user><assistant>Sure", tagged().renderContinuation(chat));
  }

  @Test
  void continuationFailsClearlyWhenTheTemplateRewritesTheContent() {
    ChatTemplate upper =
        ChatTemplate.of(
            "upper",
            "{% for m in messages %}{{ m.content | upper }}{% endfor %}",
            SpecialTokens.NONE);
    ChatTemplateException e =
        assertThrows(
            ChatTemplateException.class,
            () ->
                upper.renderContinuation(
                    List.of(ChatMessage.user("a"), ChatMessage.assistant("Sure"))));
    assertTrue(
        e.getMessage().contains("'upper' does not render the final assistant message verbatim"),
        e.getMessage());
  }

  @Test
  void continuationNeedsAFinalNonBlankAssistantMessage() {
    assertThrows(
        IllegalArgumentException.class,
        () -> tagged().renderContinuation(List.of(ChatMessage.user("Hi"))));
    assertThrows(IllegalArgumentException.class, () -> tagged().renderContinuation(List.of()));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            tagged()
                .renderContinuation(List.of(ChatMessage.user("Hi"), ChatMessage.assistant(" \n"))));
  }

  @Test
  void referenceModeRendersWithAGenerationPromptAndDeletesEveryEndOfSequence() {
    List<ChatMessage> chat = List.of(ChatMessage.user("a</s>b"), ChatMessage.assistant("Sure"));
    RenderedPrompt p = tagged().renderPrompt(chat, PromptMode.REFERENCE);
    assertEquals("<s><user>ab</user><assistant>Sure</assistant><assistant>", p.text());
  }

  @Test
  void renderedPromptRecordsModeTemplateIdAndSourceHash() throws Exception {
    List<ChatMessage> chat = List.of(ChatMessage.user("Hi"), ChatMessage.assistant("Sure"));
    RenderedPrompt p = tagged().renderPrompt(chat, PromptMode.CONTINUE_FINAL_MESSAGE);
    String sha =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest(TAGGED.getBytes(StandardCharsets.UTF_8)));
    assertEquals(
        new RenderedPrompt(
            "<s><user>Hi</user><assistant>Sure", PromptMode.CONTINUE_FINAL_MESSAGE, "tagged", sha),
        p);
  }

  @Test
  void renderedPromptRejectsAMalformedHash() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new RenderedPrompt("t", PromptMode.REFERENCE, "id", "abc"));
  }

  @Test
  void builtInTemplatesAreParsedOnceAndUnknownIdsListTheValidOnes() {
    SpecialTokens tokens = SpecialTokens.of("<s>", "</s>");
    assertSame(ChatTemplate.builtIn("llama2", tokens), ChatTemplate.builtIn("llama2", tokens));
    assertEquals(
        List.of("llama2", "vicuna", "zephyr", "llama3", "glm4", "qwen2", "phi3"),
        List.copyOf(ChatTemplate.builtInIds()));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ChatTemplate.builtIn("gpt", tokens));
    assertEquals(
        "unknown built-in chat template 'gpt'; valid ids: [llama2, vicuna, zephyr, llama3, glm4, qwen2, phi3]",
        e.getMessage());
  }

  @Test
  void syntaxErrorsNameTheTemplate() {
    TemplateException e =
        assertThrows(
            TemplateException.class,
            () -> ChatTemplate.of("broken", "{% if %}", SpecialTokens.NONE));
    assertEquals("broken", e.templateName());
  }

  @Test
  void chatMessagesRequireARoleAndContent() {
    assertThrows(IllegalArgumentException.class, () -> new ChatMessage(" ", "x"));
    assertThrows(NullPointerException.class, () -> new ChatMessage("user", null));
  }
}
