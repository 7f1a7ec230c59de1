package org.c2lab.core.template;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.c2lab.core.template.jinja.Strings;
import org.c2lab.core.template.jinja.Template;
import org.c2lab.core.template.jinja.TemplateOptions;

/**
 * A model's chat template with its special tokens: turns a list of {@link ChatMessage}s into the
 * prompt text the model was trained on, exactly as transformers' {@code apply_chat_template}
 * renders it (Jinja2 with {@code trim_blocks} and {@code lstrip_blocks}). Immutable and
 * thread-safe; the template is parsed once.
 *
 * <p>Templates come from the built-in set ({@link #builtIn}), a {@code tokenizer_config.json}
 * ({@link #fromTokenizerConfig(Path)}) or any string ({@link #of}).
 */
public final class ChatTemplate {
  private static final Set<String> RESERVED = Set.of("messages", "add_generation_prompt");
  private static final Map<List<Object>, ChatTemplate> BUILT_IN = new ConcurrentHashMap<>();

  private final String id;
  private final String source;
  private final String sha256;
  private final SpecialTokens specialTokens;
  private final Template template;

  private ChatTemplate(
      String id, String source, SpecialTokens specialTokens, TemplateOptions options) {
    this.id = Objects.requireNonNull(id, "id");
    this.source = Objects.requireNonNull(source, "source");
    this.specialTokens = Objects.requireNonNull(specialTokens, "specialTokens");
    this.sha256 = sha256(source);
    this.template = Template.parse(id, source, options);
  }

  /**
   * A chat template from its source text, rendered like transformers does.
   *
   * @param id names the template in errors and provenance
   * @throws org.c2lab.core.template.jinja.TemplateException on a syntax error
   */
  public static ChatTemplate of(String id, String source, SpecialTokens specialTokens) {
    return of(id, source, specialTokens, TemplateOptions.huggingFace());
  }

  /** As {@link #of(String, String, SpecialTokens)} with explicit options (e.g. a fixed clock). */
  public static ChatTemplate of(
      String id, String source, SpecialTokens specialTokens, TemplateOptions options) {
    return new ChatTemplate(id, source, specialTokens, options);
  }

  /**
   * One of the shipped official templates: {@code llama2}, {@code vicuna}, {@code zephyr}, {@code
   * llama3}, {@code glm4}, {@code qwen2}, {@code phi3} (see {@link #builtInIds()}).
   *
   * @throws IllegalArgumentException for an unknown id, listing the valid ones
   */
  public static ChatTemplate builtIn(String templateId, SpecialTokens specialTokens) {
    Objects.requireNonNull(specialTokens, "specialTokens");
    // Parsed once per (template, tokens): presets ask for their template on every prompt.
    return BUILT_IN.computeIfAbsent(
        List.of(templateId, specialTokens),
        k -> of(templateId, BuiltInTemplates.source(templateId), specialTokens));
  }

  /** The ids {@link #builtIn} accepts. */
  public static Set<String> builtInIds() {
    return BuiltInTemplates.sources().keySet();
  }

  /**
   * The chat template and special tokens of a Hugging Face {@code tokenizer_config.json}; when it
   * holds several named templates, the one named {@code default}.
   *
   * @throws ChatTemplateException if the file has no usable chat template
   */
  public static ChatTemplate fromTokenizerConfig(Path tokenizerConfig) {
    return fromTokenizerConfig(tokenizerConfig, null);
  }

  /** As {@link #fromTokenizerConfig(Path)}, choosing a named template (null for the default). */
  public static ChatTemplate fromTokenizerConfig(Path tokenizerConfig, String templateName) {
    TokenizerConfig config = TokenizerConfig.read(tokenizerConfig);
    String source = config.chatTemplate(templateName);
    String id = config.origin() + (templateName == null ? "" : "#" + templateName);
    return of(id, source, config.specialTokens());
  }

  /** Where the template comes from: a built-in id, a file path, or the caller's id. */
  public String id() {
    return id;
  }

  /** The template source text. */
  public String source() {
    return source;
  }

  /** SHA-256 of the source (UTF-8), lower-case hex: identifies the template in provenance. */
  public String sha256() {
    return sha256;
  }

  /** The special tokens the template is rendered with. */
  public SpecialTokens specialTokens() {
    return specialTokens;
  }

  /** The same template with other special tokens. */
  public ChatTemplate withSpecialTokens(SpecialTokens tokens) {
    return new ChatTemplate(id, source, tokens, template.options());
  }

  /** Renders {@code messages} as transformers' {@code apply_chat_template(tokenize=False)}. */
  public String render(List<ChatMessage> messages, boolean addGenerationPrompt) {
    return render(messages, addGenerationPrompt, Map.of());
  }

  /**
   * Renders with extra template variables (e.g. {@code tools}), which may override the special
   * tokens but not {@code messages} or {@code add_generation_prompt}. As in transformers, {@code
   * tools} and {@code documents} are None unless given.
   *
   * @throws org.c2lab.core.template.jinja.TemplateException if rendering fails, including the
   *     template's own {@code raise_exception} (a {@code TemplateRaisedException})
   */
  public String render(
      List<ChatMessage> messages, boolean addGenerationPrompt, Map<String, ?> extraVariables) {
    Objects.requireNonNull(messages, "messages");
    for (String key : extraVariables.keySet()) {
      if (RESERVED.contains(key)) {
        throw new IllegalArgumentException("'" + key + "' cannot be passed as an extra variable");
      }
    }
    List<Map<String, Object>> chat = new ArrayList<>(messages.size());
    for (ChatMessage m : messages) {
      Map<String, Object> message = new LinkedHashMap<>();
      message.put("role", m.role());
      message.put("content", m.content());
      chat.add(message);
    }
    Map<String, Object> vars = new LinkedHashMap<>();
    vars.put("messages", chat);
    vars.put("tools", null);
    vars.put("documents", null);
    vars.put("add_generation_prompt", addGenerationPrompt);
    vars.putAll(specialTokens.asTemplateVariables());
    vars.putAll(extraVariables);
    return template.render(vars);
  }

  /** The chat followed by the header that opens the assistant's reply. */
  public String renderGenerationPrompt(List<ChatMessage> messages) {
    return render(messages, true);
  }

  /**
   * The chat with its final assistant message left open for the model to continue, as transformers'
   * {@code continue_final_message=True}: render without a generation prompt, find the last
   * occurrence of the final message's content (whitespace-stripped), and cut everything after it,
   * keeping the message's trailing whitespace only if the template kept it verbatim.
   *
   * @throws IllegalArgumentException if the chat does not end with a non-blank assistant message
   * @throws ChatTemplateException if the template does not render the final message's content
   *     verbatim, so there is no place to cut
   */
  public String renderContinuation(List<ChatMessage> messages) {
    requireFinalAssistant(messages, "renderContinuation");
    String content = messages.get(messages.size() - 1).content();
    String stripped = Strings.strip(content, null);
    if (stripped.isEmpty()) {
      throw new IllegalArgumentException(
          "the final assistant message is blank, so there is no prefix to continue; use"
              + " renderGenerationPrompt for an empty assistant turn");
    }
    String rendered = render(messages, false);
    int at = rendered.lastIndexOf(stripped);
    if (at < 0) {
      throw new ChatTemplateException(
          "chat template '"
              + id
              + "' does not render the final assistant message verbatim, so it cannot be"
              + " continued; the template rewrites or drops part of it");
    }
    String lstripped = Strings.lstrip(content, null);
    boolean keptVerbatim =
        lstripped.length() == content.length()
            && rendered.regionMatches(at, content, 0, content.length());
    return rendered.substring(0, at + (keptVerbatim ? content.length() : stripped.length()));
  }

  /** Renders a chat ending with an assistant prefix in the given mode, with its provenance. */
  public RenderedPrompt renderPrompt(List<ChatMessage> messages, PromptMode mode) {
    Objects.requireNonNull(mode, "mode");
    return new RenderedPrompt(mode.render(this, messages), mode, id, sha256);
  }

  static void requireFinalAssistant(List<ChatMessage> messages, String what) {
    Objects.requireNonNull(messages, "messages");
    if (messages.isEmpty() || !messages.get(messages.size() - 1).role().equals("assistant")) {
      String last = messages.isEmpty() ? "none" : messages.get(messages.size() - 1).role();
      throw new IllegalArgumentException(
          what
              + " needs a chat that ends with an assistant message (the prefix to continue);"
              + " last role: "
              + last);
    }
  }

  private static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  @Override
  public String toString() {
    return "ChatTemplate[" + id + ", sha256=" + sha256.substring(0, 12) + "]";
  }
}
