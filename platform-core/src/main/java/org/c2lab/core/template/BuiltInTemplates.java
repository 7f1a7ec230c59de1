package org.c2lab.core.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The official chat templates shipped as resources, indexed by {@code builtin/templates.json}. */
final class BuiltInTemplates {
  private static final String DIR = "builtin/";
  private static final Map<String, String> SOURCES = load();

  private BuiltInTemplates() {}

  private static Map<String, String> load() {
    try (InputStream index = open("templates.json")) {
      Map<String, String> sources = new LinkedHashMap<>();
      for (JsonNode entry : new ObjectMapper().readTree(index)) {
        String id = entry.path("id").asText();
        try (InputStream in = open(entry.path("file").asText())) {
          sources.put(id, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
      }
      return Collections.unmodifiableMap(sources);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the built-in chat templates", e);
    }
  }

  private static InputStream open(String file) throws IOException {
    InputStream in = BuiltInTemplates.class.getResourceAsStream(DIR + file);
    if (in == null) {
      throw new IOException("missing resource org/c2lab/core/template/" + DIR + file);
    }
    return in;
  }

  static Map<String, String> sources() {
    return SOURCES;
  }

  static String source(String id) {
    String source = SOURCES.get(id);
    if (source == null) {
      throw new IllegalArgumentException(
          "unknown built-in chat template '" + id + "'; valid ids: " + SOURCES.keySet());
    }
    return source;
  }
}
