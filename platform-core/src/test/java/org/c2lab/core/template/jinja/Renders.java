package org.c2lab.core.template.jinja;

import java.util.LinkedHashMap;
import java.util.Map;

/** Renders template snippets in tests with Hugging Face's options. */
final class Renders {
  private Renders() {}

  /** Renders {@code source} with variables given as name, value, name, value, ... */
  static String render(String source, Object... nameValuePairs) {
    return Template.parse("test", source, TemplateOptions.huggingFace())
        .render(vars(nameValuePairs));
  }

  static Map<String, Object> vars(Object... nameValuePairs) {
    Map<String, Object> vars = new LinkedHashMap<>();
    for (int i = 0; i < nameValuePairs.length; i += 2) {
      vars.put((String) nameValuePairs[i], nameValuePairs[i + 1]);
    }
    return vars;
  }
}
