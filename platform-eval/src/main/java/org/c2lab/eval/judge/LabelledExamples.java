package org.c2lab.eval.judge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.c2lab.core.data.MalformedDataException;
import org.c2lab.core.judge.JudgeRequest;
import org.c2lab.core.provenance.Sha256;

/**
 * A labelled JSON Lines file: one object per line with {@code request}, {@code prefilled_text} (or
 * {@code prefix}), {@code continuation} (strings) and {@code corrected} (or {@code label}), a
 * boolean. Other fields are ignored, so judged C2-Eval samples that carry these fields read as they
 * are. A malformed line fails with {@code file:line: field: problem}; blank lines are skipped.
 *
 * @param file the file name (no folders)
 * @param sha256 the file's SHA-256, for provenance
 * @param examples the examples in file order
 */
public record LabelledExamples(String file, String sha256, List<LabelledExample> examples) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public LabelledExamples {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(sha256, "sha256");
    examples = List.copyOf(examples);
  }

  /**
   * Reads every example of {@code path}.
   *
   * @throws MalformedDataException on the first malformed line
   * @throws IllegalArgumentException when the file holds no example
   */
  public static LabelledExamples read(Path path) throws IOException {
    String name = path.getFileName().toString();
    List<LabelledExample> out = new ArrayList<>();
    try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      long line = 0;
      for (String text; (text = reader.readLine()) != null; ) {
        line++;
        if (line == 1 && text.startsWith("\uFEFF")) {
          text = text.substring(1);
        }
        if (!text.isBlank()) {
          out.add(decode(text, name, line));
        }
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(name + ": no labelled examples");
    }
    return new LabelledExamples(name, Sha256.of(path), out);
  }

  /** How many examples are labelled corrected. */
  public long positives() {
    return examples.stream().filter(LabelledExample::corrected).count();
  }

  private static LabelledExample decode(String text, String file, long line) {
    JsonNode o;
    try {
      o = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      int column = e.getLocation() == null ? 0 : e.getLocation().getColumnNr();
      throw new MalformedDataException(
          file, line, MalformedDataException.JSON, "invalid JSON at column " + column, e);
    }
    if (o == null || !o.isObject()) {
      throw new MalformedDataException(
          file, line, MalformedDataException.JSON, "expected a JSON object", null);
    }
    String request = string(o, file, line, "request");
    String prefilled =
        o.has("prefilled_text")
            ? string(o, file, line, "prefilled_text")
            : string(o, file, line, o.has("prefix") ? "prefix" : "prefilled_text");
    String continuation = string(o, file, line, "continuation");
    String labelField = o.has("corrected") || !o.has("label") ? "corrected" : "label";
    JsonNode label = o.get(labelField);
    if (label == null || label.isNull()) {
      throw new MalformedDataException(file, line, "corrected", "missing (or 'label')", null);
    }
    if (!label.isBoolean()) {
      throw new MalformedDataException(
          file, line, labelField, "expected boolean, got " + abbreviate(label.toString()), null);
    }
    return new LabelledExample(
        new JudgeRequest(request, prefilled, continuation), label.booleanValue());
  }

  private static String string(JsonNode o, String file, long line, String field) {
    JsonNode v = o.get(field);
    if (v == null || v.isNull()) {
      throw new MalformedDataException(file, line, field, "missing", null);
    }
    if (!v.isTextual()) {
      throw new MalformedDataException(
          file, line, field, "expected string, got " + abbreviate(v.toString()), null);
    }
    return v.textValue();
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }
}
