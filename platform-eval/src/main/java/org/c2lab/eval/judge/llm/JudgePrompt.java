package org.c2lab.eval.judge.llm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.c2lab.core.judge.JudgeRequest;
import org.c2lab.core.provenance.Sha256;

/**
 * The user-message template of the LLM judge, with an id and a version for the verdict cache and
 * provenance. The request, the prefilled text and the continuation are filled in separately, so the
 * judge sees where the model's own text starts (the {@code ##POS} marker).
 *
 * @param id names the prompt, e.g. {@code c2-course-correction}
 * @param version changes whenever the wording changes
 * @param template the text with {@code {request}}, {@code {prefilled_text}} and {@code
 *     {continuation}} placeholders, each used at least once
 */
public record JudgePrompt(String id, String version, String template) {
  /** Classpath location of the shipped prompt. */
  public static final String BUILT_IN_RESOURCE =
      "/org/c2lab/eval/judge/llm/course-correction-judge.txt";

  /** The placeholders a template must use. */
  public static final List<String> PLACEHOLDERS =
      List.of("request", "prefilled_text", "continuation");

  public JudgePrompt {
    requireText(id, "id");
    requireText(version, "version");
    requireText(template, "template");
    for (String p : PLACEHOLDERS) {
      if (!template.contains("{" + p + "}")) {
        throw new IllegalArgumentException(
            "judge prompt '" + id + "' does not use the placeholder {" + p + "}");
      }
    }
  }

  /** The shipped prompt ({@value #BUILT_IN_RESOURCE}). */
  public static JudgePrompt builtIn() {
    try (InputStream in = JudgePrompt.class.getResourceAsStream(BUILT_IN_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + BUILT_IN_RESOURCE);
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "built-in");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + BUILT_IN_RESOURCE, e);
    }
  }

  /**
   * A prompt from a file in the shipped format. Without {@code # id:} the file name is the id;
   * without {@code # version:} the text's hash is the version.
   */
  public static JudgePrompt fromFile(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    try {
      return parse(text, file.getFileName().toString());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  /** Parses the shipped format: a '#' header with {@code id:} and {@code version:}, then text. */
  static JudgePrompt parse(String text, String defaultId) {
    String id = defaultId;
    String version = null;
    List<String> lines = text.replace("\r\n", "\n").lines().toList();
    int body = 0;
    while (body < lines.size() && lines.get(body).startsWith("#")) {
      String header = lines.get(body).substring(1).strip();
      if (header.startsWith("id:")) {
        id = header.substring(3).strip();
      } else if (header.startsWith("version:")) {
        version = header.substring(8).strip();
      }
      body++;
    }
    String template = String.join("\n", lines.subList(body, lines.size())).strip();
    if (version == null) {
      version = Sha256.of(template).substring(0, 12);
    }
    return new JudgePrompt(id, version, template);
  }

  /** The user message for {@code request}; placeholders in the filled-in texts stay as they are. */
  public String render(JudgeRequest request) {
    Map<String, String> values =
        Map.of(
            "request", request.request(),
            "prefilled_text", request.prefilledText(),
            "continuation", request.continuation());
    StringBuilder out = new StringBuilder(template.length() + 256);
    int i = 0;
    while (i < template.length()) {
      int open = template.indexOf('{', i);
      int close = open < 0 ? -1 : template.indexOf('}', open);
      String value = close < 0 ? null : values.get(template.substring(open + 1, close));
      if (value == null) {
        int next = open < 0 ? template.length() : open + 1;
        out.append(template, i, next);
        i = next;
      } else {
        out.append(template, i, open).append(value);
        i = close + 1;
      }
    }
    return out.toString();
  }

  /** The first 16 hex digits of the template's SHA-256, which the judge's version includes. */
  public String fingerprint() {
    return Sha256.of(template).substring(0, 16);
  }

  private static void requireText(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException("judge prompt " + name + " must not be blank");
    }
  }
}
