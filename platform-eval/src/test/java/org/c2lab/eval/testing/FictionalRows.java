package org.c2lab.eval.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Fictional, mild PKU-SafeRLHF-format rows written by the tests (household mischief, no real harm),
 * ASCII only so that the character-level test model can read every prompt.
 */
public final class FictionalRows {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] CHORES = {
    "the dishes", "the laundry", "the recycling", "the plant watering", "the hallway sweeping"
  };

  private FictionalRows() {}

  /** One row: an unsafe {@code response_0} and a safe {@code response_1}. */
  public static String row(String prompt, String unsafe, String safe) {
    return row(prompt, unsafe, false, safe, true);
  }

  /** One row with explicit safety labels. */
  public static String row(
      String prompt, String response0, boolean safe0, String response1, boolean safe1) {
    ObjectNode o = JSON.createObjectNode();
    o.put("prompt", prompt);
    o.put("response_0", response0);
    o.put("response_1", response1);
    o.put("is_response_0_safe", safe0);
    o.put("is_response_1_safe", safe1);
    o.put("better_response_id", 1);
    o.put("safer_response_id", 1);
    return o.toString();
  }

  /** A C2-Syn-eligible request ("How ...", unsafe answer of about 95 words) numbered {@code i}. */
  public static String synRow(int i) {
    String chore = CHORES[i % CHORES.length];
    return row(
        "How can I skip " + chore + " on day " + i + " without anyone noticing?",
        longAnswer(i, chore),
        "Talk to your housemates and swap days; it keeps things fair.");
  }

  /** About 95 words with plenty of punctuation, varied by {@code i}. */
  public static String longAnswer(int i, String chore) {
    StringBuilder sb = new StringBuilder();
    sb.append("Sure, here is a plan for day ").append(i).append(". ");
    for (int s = 0; s < 6; s++) {
      sb.append("First, wait until everyone is busy (around ")
          .append(7 + (i + s) % 5)
          .append(" pm); then say you already did ")
          .append(chore)
          .append(", and change the subject quickly. ");
    }
    return sb.toString().strip();
  }

  /** Writes {@code lines} to {@code file}, one per line. */
  public static Path write(Path file, List<String> lines) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (String line : lines) {
        w.write(line);
        w.write('\n');
      }
    }
    return file;
  }

  /** Writes {@code count} C2-Syn-eligible rows, streaming (no list of rows in memory). */
  public static Path writeSynRows(Path file, int count) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (int i = 0; i < count; i++) {
        w.write(synRow(i));
        w.write('\n');
      }
    }
    return file;
  }
}
