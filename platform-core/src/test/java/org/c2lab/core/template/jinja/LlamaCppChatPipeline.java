package org.c2lab.core.template.jinja;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reproduces how llama.cpp's test-chat-template renders a case through minja, so that our engine
 * can be compared with its golden outputs: (1) probe whether the template renders a system message;
 * (2) if not, merge system messages into the next user message ("system\nuser"), which is minja's
 * system-role polyfill; (3) render; (4) drop one leading BOS and one trailing EOS, as llama.cpp
 * does to avoid doubled special tokens. minja's other polyfills (tools, typed content) are not
 * reproduced: no golden case needs them.
 */
final class LlamaCppChatPipeline {
  private final Template template;
  private final String bos;
  private final String eos;

  LlamaCppChatPipeline(Template template, String bos, String eos) {
    this.template = template;
    this.bos = bos;
    this.eos = eos;
  }

  String render(List<Map<String, Object>> messages, boolean addGenerationPrompt) {
    List<Map<String, Object>> actual = supportsSystemRole() ? messages : mergeSystem(messages);
    String out = renderRaw(actual, addGenerationPrompt);
    if (out.startsWith(bos)) {
      out = out.substring(bos.length());
    }
    if (out.endsWith(eos)) {
      out = out.substring(0, out.length() - eos.length());
    }
    return out;
  }

  private String renderRaw(List<Map<String, Object>> messages, boolean addGenerationPrompt) {
    Map<String, Object> vars = new LinkedHashMap<>();
    vars.put("messages", messages);
    vars.put("add_generation_prompt", addGenerationPrompt);
    vars.put("bos_token", bos);
    vars.put("eos_token", eos);
    return template.render(vars);
  }

  /** minja's capability probe: does a system message's content reach the output? */
  boolean supportsSystemRole() {
    String needle = "<System Needle>";
    try {
      return renderRaw(List.of(message("system", needle), message("user", "<User Needle>")), false)
          .contains(needle);
    } catch (TemplateException e) {
      return false;
    }
  }

  private static List<Map<String, Object>> mergeSystem(List<Map<String, Object>> messages) {
    List<Map<String, Object>> out = new ArrayList<>();
    String pending = "";
    for (Map<String, Object> m : messages) {
      String role = (String) m.get("role");
      String content = (String) m.get("content");
      if (role.equals("system")) {
        pending = pending.isEmpty() ? content : pending + "\n" + content;
        continue;
      }
      if (!pending.isEmpty()) {
        if (role.equals("user")) {
          m = message("user", pending + (content.isEmpty() ? "" : "\n" + content));
        } else {
          out.add(message("user", pending));
        }
        pending = "";
      }
      out.add(m);
    }
    if (!pending.isEmpty()) {
      out.add(message("user", pending));
    }
    return out;
  }

  static Map<String, Object> message(String role, String content) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("role", role);
    m.put("content", content);
    return m;
  }
}
