package org.c2lab.core.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.c2lab.core.testing.SharedFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenizerConfigTest {

  @Test
  void readsAStringTemplateAndTokensGivenAsStringsOrContentObjects() {
    TokenizerConfig c =
        TokenizerConfig.parse(
            "{\"chat_template\": \"T\", \"bos_token\": {\"content\": \"<s>\", \"lstrip\": false},"
                + " \"eos_token\": \"</s>\", \"pad_token\": null,"
                + " \"additional_special_tokens\": [\"<a>\", {\"content\": \"<b>\"}]}",
            "cfg");
    assertEquals(Map.of("default", "T"), c.chatTemplates());
    assertEquals(
        new SpecialTokens("<s>", "</s>", null, null, List.of("<a>", "<b>")), c.specialTokens());
    assertEquals("T", c.chatTemplate(null));
  }

  @Test
  void namedTemplatesDefaultToTheOneNamedDefault() {
    TokenizerConfig c =
        TokenizerConfig.parse(
            "{\"chat_template\": [{\"name\": \"default\", \"template\": \"D\"}, {\"name\": \"tool_use\", \"template\": \"U\"}]}",
            "cfg");
    assertEquals("D", c.chatTemplate(null));
    assertEquals("U", c.chatTemplate("tool_use"));
    ChatTemplateException e =
        assertThrows(ChatTemplateException.class, () -> c.chatTemplate("rag"));
    assertEquals(
        "cfg: no chat template named 'rag'; available: [default, tool_use]", e.getMessage());
  }

  @Test
  void severalTemplatesWithoutADefaultMustBeChosenByName() {
    TokenizerConfig c =
        TokenizerConfig.parse(
            "{\"chat_template\": [{\"name\": \"a\", \"template\": \"A\"}, {\"name\": \"b\", \"template\": \"B\"}]}",
            "cfg");
    assertThrows(ChatTemplateException.class, () -> c.chatTemplate(null));
    assertEquals("B", c.chatTemplate("b"));
  }

  @Test
  void malformedFieldsAreReportedByName() {
    ChatTemplateException bos =
        assertThrows(
            ChatTemplateException.class,
            () -> TokenizerConfig.parse("{\"bos_token\": 1}", "cfg.json"));
    assertEquals(
        "cfg.json: field 'bos_token' must be a string or {\"content\": string}", bos.getMessage());
    ChatTemplateException entry =
        assertThrows(
            ChatTemplateException.class,
            () -> TokenizerConfig.parse("{\"chat_template\": [{\"name\": \"x\"}]}", "cfg.json"));
    assertEquals(
        "cfg.json: field 'chat_template[0]' must have string 'name' and 'template'",
        entry.getMessage());
    ChatTemplateException json =
        assertThrows(
            ChatTemplateException.class, () -> TokenizerConfig.parse("{\n\"a\": }", "cfg.json"));
    assertTrue(
        json.getMessage().startsWith("cfg.json: not valid JSON at line 2, column"),
        json.getMessage());
  }

  @Test
  void aConfigWithoutTemplateIsAnErrorNamingTheFile() {
    TokenizerConfig c = TokenizerConfig.parse("{\"eos_token\": \"</s>\"}", "cfg.json");
    ChatTemplateException e = assertThrows(ChatTemplateException.class, () -> c.chatTemplate(null));
    assertEquals("cfg.json: the tokenizer config has no chat_template", e.getMessage());
  }

  @Test
  void aChatTemplateJinjaBesideTheConfigIsUsedWhenTheConfigHasNone(@TempDir Path dir)
      throws IOException {
    Path config =
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"eos_token\": \"</s>\"}");
    Files.writeString(
        dir.resolve("chat_template.jinja"), "{{ messages[0].content }}{{ eos_token }}");
    ChatTemplate t = ChatTemplate.fromTokenizerConfig(config);
    assertEquals("hi</s>", t.render(List.of(ChatMessage.user("hi")), false));
    assertEquals(dir.resolve("chat_template.jinja").toString(), t.id());
  }

  @Test
  void phi3MiniConfigRendersLikeTheBuiltInTemplate() {
    Path config = SharedFixtures.require("models/tokenizers/phi-3-mini-hf/tokenizer_config.json");
    ChatTemplate fromFile = ChatTemplate.fromTokenizerConfig(config);
    assertEquals("<s>", fromFile.specialTokens().bosToken());
    assertEquals("<|endoftext|>", fromFile.specialTokens().eosToken());
    assertEquals("<|endoftext|>", fromFile.specialTokens().padToken());
    assertEquals(ChatTemplate.builtIn("phi3", SpecialTokens.NONE).sha256(), fromFile.sha256());
    List<ChatMessage> chat = List.of(ChatMessage.system("S"), ChatMessage.user("Hi"));
    assertEquals(
        "<|system|>\nS<|end|>\n<|user|>\nHi<|end|>\n<|assistant|>\n",
        fromFile.renderGenerationPrompt(chat));
    assertEquals(
        "<|system|>\nS<|end|>\n<|user|>\nHi<|end|>\n<|endoftext|>", fromFile.render(chat, false));
  }

  @Test
  void qwen25ConfigRendersToolsAndItsOwnDefaultSystemPrompt() {
    Path config =
        SharedFixtures.require("models/tokenizers/qwen2.5-instruct-config/tokenizer_config.json");
    ChatTemplate t = ChatTemplate.fromTokenizerConfig(config);
    assertNull(t.specialTokens().bosToken());
    assertEquals("<|im_end|>", t.specialTokens().eosToken());
    List<ChatMessage> chat = List.of(ChatMessage.user("Hi"));
    assertEquals(
        "<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\n"
            + "<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n",
        t.renderGenerationPrompt(chat));
    Map<String, Object> tool = new LinkedHashMap<>();
    tool.put("type", "function");
    tool.put("function", Map.of("name", "f"));
    String withTools = t.render(chat, true, Map.of("tools", List.of(tool)));
    assertTrue(
        withTools.contains(
            "<tools>\n{\"type\": \"function\", \"function\": {\"name\": \"f\"}}\n</tools>"),
        withTools);
  }

  @Test
  void chatGlm3ConfigKeepsTheSpaceAfterTheRoleLine() {
    Path config = SharedFixtures.require("models/tokenizers/chatglm3-config/tokenizer_config.json");
    ChatTemplate t = ChatTemplate.fromTokenizerConfig(config);
    assertEquals(
        "[gMASK]sop<|user|>\n Hi<|assistant|>",
        t.renderGenerationPrompt(List.of(ChatMessage.user("Hi"))));
  }

  @Test
  void llama2HfConfigHasTokensButNoTemplate() {
    Path config = SharedFixtures.require("models/tokenizers/llama2-hf/tokenizer_config.json");
    TokenizerConfig c = TokenizerConfig.read(config);
    assertEquals("<s>", c.specialTokens().bosToken());
    assertEquals("</s>", c.specialTokens().eosToken());
    ChatTemplateException e =
        assertThrows(ChatTemplateException.class, () -> ChatTemplate.fromTokenizerConfig(config));
    assertEquals(config + ": the tokenizer config has no chat_template", e.getMessage());
  }
}
