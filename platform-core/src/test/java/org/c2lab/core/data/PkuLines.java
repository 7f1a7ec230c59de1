package org.c2lab.core.data;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Builds small fictional PKU-SafeRLHF-shaped lines for tests. */
public final class PkuLines {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private PkuLines() {}

  /** One row as a JSON line with the standard fields. */
  public static String row(String prompt, String r0, String r1, boolean safe0, boolean safe1) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("prompt", prompt);
    o.put("response_0", r0);
    o.put("response_1", r1);
    o.put("is_response_0_safe", safe0);
    o.put("is_response_1_safe", safe1);
    o.put("better_response_id", 0);
    o.put("safer_response_id", safe0 ? 0 : 1);
    return o.toString();
  }

  /** Writes {@code lines} to {@code dir/name}, each followed by a newline. */
  public static Path write(Path dir, String name, List<String> lines) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, lines, StandardCharsets.UTF_8);
    return file;
  }
}
