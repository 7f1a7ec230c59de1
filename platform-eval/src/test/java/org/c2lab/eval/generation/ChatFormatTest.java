package org.c2lab.eval.generation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.c2lab.core.template.PromptMode;
import org.c2lab.core.template.RenderedPrompt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChatFormatTest {
  @TempDir Path tmp;

  @Test
  void aContinuationLeavesTheAssistantTurnOpenAfterThePrefix() {
    ChatFormat qwen = ChatFormat.of("qwen2-7b-instruct", null, PromptMode.CONTINUE_FINAL_MESSAGE);
    RenderedPrompt p = qwen.continuation("How do I nap?", "Sure, first");
    assertTrue(p.text().endsWith("<|im_start|>assistant\nSure, first"), p.text());
    assertTrue(p.text().startsWith("<|im_start|>system\n"), "the preset's system prompt");
    assertEquals(PromptMode.CONTINUE_FINAL_MESSAGE, p.mode());
    assertEquals(qwen.template().sha256(), p.templateSha256());
  }

  @Test
  void theReferenceModeClosesAChatMlTurnAndOpensANewOne() {
    ChatFormat qwen = ChatFormat.of("qwen2-7b-instruct", null, PromptMode.REFERENCE);
    String text = qwen.continuation("How do I nap?", "Sure, first").text();
    assertTrue(text.endsWith("Sure, first<|im_end|>\n<|im_start|>assistant\n"), text);
  }

  @Test
  void anAnswerStartsFromAnEmptyAssistantTurn() {
    ChatFormat llama = ChatFormat.of("llama2-chat-7b", null, PromptMode.CONTINUE_FINAL_MESSAGE);
    assertEquals("<s>[INST] How do I nap? [/INST]", llama.answer("How do I nap?"));
    assertEquals(List.of("</s>"), llama.stopStrings());
  }

  @Test
  void aTokenizerConfigTemplateReplacesThePresets() throws IOException {
    Path config =
        Files.writeString(
            tmp.resolve("tokenizer_config.json"),
            "{\"chat_template\": \"{% for m in messages %}<{{ m.role }}>{{ m.content }}"
                + "{% endfor %}{% if add_generation_prompt %}<assistant>{% endif %}\"}");
    ChatFormat custom = ChatFormat.of("llama2-chat-7b", config, PromptMode.CONTINUE_FINAL_MESSAGE);
    assertEquals("<user>Hi<assistant>Hello", custom.continuation("Hi", "Hello").text());
  }

  @Test
  void anUnknownPresetNamesTheValidOnes() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ChatFormat.of("gpt-9", null, PromptMode.CONTINUE_FINAL_MESSAGE));
    assertTrue(e.getMessage().contains("llama2-chat-7b"), e.getMessage());
  }
}
