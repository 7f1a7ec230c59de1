package org.c2lab.train.sft;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.c2lab.core.data.MalformedDataException;

/**
 * Reads {@code {"prompt": ..., "response": ...}} JSON Lines (other fields ignored, blank lines
 * skipped). The first malformed line stops reading with a {@link MalformedDataException} naming
 * file, line and field: {@code response: missing}, {@code prompt: expected string, got 3}.
 */
public final class SftExampleReader {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SftExampleReader() {}

  /** Every example of {@code file}, in order. */
  public static List<SftExample> read(Path file) throws IOException {
    String name = file.getFileName().toString();
    List<SftExample> out = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      long line = 0;
      for (String text = r.readLine(); text != null; text = r.readLine()) {
        line++;
        if (text.isBlank()) {
          continue;
        }
        JsonNode o;
        try {
          o = JSON.readTree(text);
        } catch (IOException e) {
          throw new MalformedDataException(name, line, MalformedDataException.JSON, "not JSON", e);
        }
        if (o == null || !o.isObject()) {
          throw new MalformedDataException(
              name, line, MalformedDataException.JSON, "not a JSON object", null);
        }
        String prompt = string(o, "prompt", name, line);
        if (prompt.isBlank()) {
          throw new MalformedDataException(name, line, "prompt", "blank", null);
        }
        out.add(new SftExample(prompt, string(o, "response", name, line)));
      }
    }
    return out;
  }

  private static String string(JsonNode o, String field, String file, long line) {
    JsonNode v = o.get(field);
    if (v == null) {
      throw new MalformedDataException(file, line, field, "missing", null);
    }
    if (!v.isTextual()) {
      throw new MalformedDataException(
          file, line, field, "expected string, got " + v.getNodeType().name().toLowerCase(), null);
    }
    return v.textValue();
  }
}
